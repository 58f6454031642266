"""HTML news pages: title, date, site and main text, by trafilatura with an lxml fallback.

    read_html(data, name="x.html", options=ReadOptions()) -> ReaderOutput

- The page is decoded with its `<meta charset>` as a hint (WHATWG labels, then verified).
- Pathological pages are refused with a reason before parsing: larger than 20 MB, or nested
  deeper than 20,000 elements (parse time grows faster than linearly with depth).
- trafilatura (a maintained main-content extractor) gives the body; when it returns nothing
  (it gives up at 255 levels of nesting, or on very short pages) the text of <article>, <main>
  or <body> is taken instead, with script, style, nav, aside, footer and header removed
  (`html_text`).
- Metadata comes from the page head first (`page_meta`: og:title, article:published_time,
  og:site_name, canonical link, JSON-LD), then from the date/source line in the text, then from
  trafilatura.
- The extracted lines go through the same boilerplate rules as plain text.
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html
import trafilatura

from analysis.language.text import clean_text, detect_lang, is_chinese
from analysis.model import ARTICLE, Article
from analysis.sources import boilerplate as bp
from analysis.sources.base import InputRejected, ReaderOutput, ReadOptions
from analysis.sources.encoding import decode
from analysis.sources.html_text import fallback_text, nesting_depth, stripped_text, without_chrome
from analysis.sources.page_meta import PageMeta, page_meta, parse_date
from analysis.sources.text_page import (
    MAX_TITLE_CHARS,
    MIN_LETTERS,
    Line,
    find_block,
    first_sentence,
    is_body_line,
    read_head,
    split_lines,
)

MAX_HTML_BYTES = 20_000_000
MAX_DEPTH = 20_000
NO_TEXT = "HTML page has no article text"

_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*(?P<label>[A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE
)
_LXML_DEPTH = 255  # libxml2 builds no deeper tree than this (2048 with huge_tree)


def read_html(data: bytes, *, name: str, options: ReadOptions) -> ReaderOutput:
    """The article in one HTML page; InputRejected when the page holds none."""
    if len(data) > MAX_HTML_BYTES:
        raise InputRejected(f"HTML file larger than {MAX_HTML_BYTES // 1_000_000} MB", path=name)
    decoded = decode(data, name=name, override=options.encoding, hint=_declared_charset(data))
    out = ReaderOutput(warnings=[f"{name}: {warning}" for warning in decoded.warnings])
    html = clean_text(decoded.text)  # no NUL or control characters: lxml refuses them
    if not html.strip():
        raise InputRejected(NO_TEXT, path=name)
    depth = nesting_depth(html)
    if depth > MAX_DEPTH:
        raise InputRejected(f"HTML nested {depth} levels deep (limit {MAX_DEPTH})", path=name)
    tree = _parse(html)
    content = without_chrome(tree) if tree is not None else None
    extracted = _trafilatura(
        lxml.html.tostring(content, encoding="unicode") if content is not None else html
    )
    text = _str((extracted or {}).get("text")) or ""
    if _letters(text) < MIN_LETTERS and content is not None:
        text = fallback_text(content)
    if _letters(text) < MIN_LETTERS and depth > _LXML_DEPTH:
        text = stripped_text(html)  # lxml stops building the tree at its depth limit
    lines = split_lines(text)
    if _letters_in(lines) < MIN_LETTERS:
        raise InputRejected(NO_TEXT, path=name)
    meta = page_meta(tree, name=name, warnings=out.warnings) if tree is not None else PageMeta()
    out.articles.append(
        _article(lines, meta=meta, extracted=extracted or {}, name=name, warnings=out.warnings)
    )
    return out


def _article(
    lines: list[Line],
    *,
    meta: PageMeta,
    extracted: dict[str, object],
    name: str,
    warnings: list[str],
) -> Article:
    site = meta.site or _str(extracted.get("sitename"))
    title = meta.title or _str(extracted.get("title"))
    keep = -1  # the index of a line that gives the title and stays in the body
    if title is None and (len(lines) == 1 or len(lines[0].text) > MAX_TITLE_CHARS):
        title, keep = first_sentence(lines[0].text), 0
    elif title is None:  # no title in the page's markup: the first line, as in plain text
        title, lines = lines[0].text, lines[1:]
    title = _strip_site(title, site=site)
    head = read_head(lines, title_at=-1, name=name, warnings=warnings)
    block_at = find_block(lines, start=0)
    end = block_at if block_at is not None else len(lines)
    body_lines = [
        line.text
        for index, line in enumerate(lines[:end])
        if index == keep or (index not in head.used and is_body_line(line.text, title, site))
    ]
    if _letters_in([Line(0, t) for t in body_lines]) < MIN_LETTERS:
        raise InputRejected(NO_TEXT, path=name)
    published_at = meta.published_at or head.published_at
    if published_at is None and extracted.get("date"):
        published_at = parse_date(_str(extracted.get("date")), name=name, warnings=warnings)
    body = "\n\n".join(body_lines)
    lang = detect_lang(f"{title}\n{body[:4000]}")
    if not is_chinese(lang):
        warnings.append(f"{name}: language {lang}, not Chinese: kept out of the analysis")
    return Article(
        title=title,
        body=body,
        published_at=published_at,
        source=head.source or site,
        category=meta.category or head.category,
        views=head.views,
        url=meta.url or _str(extracted.get("url")),
        kind=ARTICLE,
        lang=lang,
        origin=name,
    )


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match["label"].decode("ascii") if match else None


def _parse(html: str) -> lxml.html.HtmlElement | None:
    parser = lxml.html.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(html, parser=parser)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError):
        return None
    return root if isinstance(root, lxml.html.HtmlElement) else None


def _trafilatura(html: str) -> dict[str, object] | None:
    try:
        document = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            output_format="python",
        )
    except Exception:  # a third-party parser on hostile input: any failure means "no result"
        return None
    if document is None:
        return None
    result = document.as_dict() if hasattr(document, "as_dict") else document
    return result if isinstance(result, dict) else None


def _strip_site(title: str, *, site: str | None) -> str:
    split = bp.split_site_suffix(title)
    if split is not None and (split[1] == site or bp.looks_like_site_name(split[1])):
        return split[0]
    return title


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text[:5000])


def _letters_in(lines: list[Line]) -> int:
    return sum(_letters(line.text) for line in lines[:200])
