"""HTML news pages: title, date, site and main text, by trafilatura with an lxml fallback.

    read_html(data, name="x.html", options=ReadOptions()) -> ReaderOutput

- The page is decoded with its `<meta charset>` as a hint (WHATWG labels, then verified).
- Pathological pages are refused with a reason before parsing: larger than 20 MB, or nested
  deeper than 20,000 elements (parse time grows faster than linearly with depth).
- trafilatura (a maintained main-content extractor) gives the body; when it returns nothing
  (it gives up at 255 levels of nesting, or on very short pages) the text of <article>, <main>
  or <body> is taken instead, with script, style, nav, aside, footer and header removed.
- Metadata comes from the page head first (og:title, article:published_time, og:site_name,
  canonical link, JSON-LD), then from the date/source line in the text, then from trafilatura.
- The extracted lines go through the same boilerplate rules as plain text.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from html import unescape

import lxml.etree
import lxml.html
import trafilatura

from analysis.model import ARTICLE, Article
from analysis.sources import boilerplate as bp
from analysis.sources.base import InputRejected, ReaderOutput, ReadOptions
from analysis.sources.dates import ImpossibleDate, parse_published_at
from analysis.sources.encoding import decode
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
from analysis.text import clean_line, clean_text, detect_lang, is_chinese

MAX_HTML_BYTES = 20_000_000
MAX_DEPTH = 20_000
NO_TEXT = "HTML page has no article text"

_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*(?P<label>[A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE
)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]{0,30})[^<>]*?(/?)>")
# Elements without content or with optional end tags: they do not nest in practice.
_FLAT_TAGS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "p",
        "li",
        "dt",
        "dd",
        "option",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
        "tfoot",
        "colgroup",
        "rp",
        "rt",
    ]
)
_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "aside",
    "footer",
    "header",
    "form",
    "iframe",
    "svg",
    "button",
    "select",
    "textarea",
    "object",
    "embed",
    "canvas",
)
_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "blockquote",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tr",
        "ul",
        "br",
        "td",
        "th",
        "caption",
    ]
)
_LXML_DEPTH = 255  # libxml2 builds no deeper tree than this (2048 with huge_tree)
_DROP_BLOCK = re.compile(
    r"<(script|style|noscript|template|nav|aside|footer|header|form|svg)\b[^>]*>.*?</\1\s*>",
    re.IGNORECASE | re.DOTALL,
)
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|h[1-6]|li|tr|section|article|blockquote|pre|main)\b[^>]*>", re.IGNORECASE
)
_ANY_TAG = re.compile(r"<[^<>]*>")
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "article:published",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish_date",
    "publish-date",
    "publishtime",
    "publish_time",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "parsely-pub-date",
    "sailthru.date",
    "article.published",
    "date",
    "og:release_date",
    "release_date",
    "created",
    "article:modified_time",
)


@dataclass(frozen=True, slots=True)
class PageMeta:
    title: str | None = None
    published_at: str | None = None
    site: str | None = None
    url: str | None = None
    category: str | None = None


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
        published_at = _parse_date(_str(extracted.get("date")), name=name, warnings=warnings)
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


def nesting_depth(html: str) -> int:
    """The deepest element nesting, counted on tags (elements that never nest are skipped)."""
    depth = deepest = 0
    for match in _TAG.finditer(html):
        closing, tag, self_closing = match.groups()
        if tag.lower() in _FLAT_TAGS or self_closing:
            continue
        if closing:
            depth = max(0, depth - 1)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


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


def without_chrome(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """A copy of the page without scripts, styles, navigation, asides, headers, footers and
    forms: what is left is what the extractor may take text from."""
    content = copy.deepcopy(root)
    for element in list(content.iter(*_DROP_TAGS)):
        if element.getparent() is not None:
            element.drop_tree()
    return content


def fallback_text(root: lxml.html.HtmlElement) -> str:
    """The text of <article>, <main> or <body> of a page `without_chrome`."""
    container = next(
        (found for tag in ("article", "main", "body") if (found := _first(root, tag)) is not None),
        root,
    )
    for element in container.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
            element.text = "\n" + (element.text or "")
    return str(container.text_content())


def stripped_text(html: str) -> str:
    """Tags stripped by regular expressions (linear time), without script, style and chrome."""
    html = _DROP_BLOCK.sub(" ", html)
    html = _BLOCK_TAG.sub("\n", html)
    return unescape(_ANY_TAG.sub("", html))


def _first(root: lxml.html.HtmlElement, tag: str) -> lxml.html.HtmlElement | None:
    return next(iter(root.iter(tag)), None)


def page_meta(root: lxml.html.HtmlElement, *, name: str, warnings: list[str]) -> PageMeta:
    metas = _meta_values(root)
    title = metas.get("og:title") or metas.get("twitter:title") or _heading(root)
    if not title:
        title = _element_text(_first(root, "title"))
    raw_date = next((metas[key] for key in _DATE_META if metas.get(key)), None)
    raw_date = raw_date or _json_ld_date(root) or _time_datetime(root)
    published_at = _parse_date(raw_date, name=name, warnings=warnings) if raw_date else None
    canonical = next(
        (
            link.get("href")
            for link in root.iter("link")
            if (link.get("rel") or "").lower() == "canonical" and link.get("href")
        ),
        None,
    )
    return PageMeta(
        title=clean_line(title) if title else None,
        published_at=published_at,
        site=clean_line(metas.get("og:site_name") or metas.get("application-name") or "") or None,
        url=canonical or metas.get("og:url"),
        category=clean_line(metas.get("article:section") or "") or None,
    )


def _meta_values(root: lxml.html.HtmlElement) -> dict[str, str]:
    values: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop") or ""
        content = meta.get("content")
        if key and content and content.strip():
            values.setdefault(key.strip().lower(), content.strip())
    return values


def _heading(root: lxml.html.HtmlElement) -> str | None:
    text = _element_text(_first(root, "h1"))
    return text if text and len(text) <= 200 else None


def _element_text(element: lxml.html.HtmlElement | None) -> str | None:
    if element is None:
        return None
    text = clean_line(str(element.text_content()))
    return text or None


def _json_ld_date(root: lxml.html.HtmlElement) -> str | None:
    for script in root.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except (ValueError, RecursionError):
            continue
        found = _find_key(data, "datePublished", budget=200)
        if found:
            return found
    return None


def _find_key(data: object, key: str, *, budget: int) -> str | None:
    """The first string value of `key` in nested JSON, looking at no more than `budget` nodes."""
    stack = [data]
    while stack and budget > 0:
        budget -= 1
        node = stack.pop()
        if isinstance(node, dict):
            value = node.get(key)
            if isinstance(value, str) and value.strip():
                return value.strip()
            stack.extend(reversed(list(node.values())))
        elif isinstance(node, list):
            stack.extend(reversed(node))
    return None


def _time_datetime(root: lxml.html.HtmlElement) -> str | None:
    article = _first(root, "article")
    container = article if article is not None else root
    for element in container.iter("time"):
        value = element.get("datetime")
        if value and value.strip():
            return value.strip()
    return None


def _parse_date(text: str | None, *, name: str, warnings: list[str]) -> str | None:
    if not text:
        return None
    try:
        return parse_published_at(text)
    except ImpossibleDate as exc:
        warnings.append(f"{name}: {exc}; published_at left empty")
        return None


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
