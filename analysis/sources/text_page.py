"""Scraped page text and plain text from news sites: one article and its recommended teasers.

    read_text(data, name="x.txt", options=ReadOptions()) -> ReaderOutput

One reader for both kinds of text, by general rules rather than per-site templates:

- the title is the first meaningful line (page furniture, date lines and headings of
  recommendation blocks do not count); a trailing ` - <site>` is cut from it;
- a caption line is `<something> - <site>` where the same site suffix repeats on the page; the
  site becomes the source when no `來源：X` line names one; captions never reach the body;
- the date line under the title (`2023年09月14日16:41:02 國際 1362`) gives published_at, the
  category and the view count; `來源：X` / `来源：X` gives the source;
- a recommendation block (`國際分類資訊推薦`, `相關新聞`, `延伸閱讀`…) at the end becomes `teaser`
  records: a caption line, the title again, then a snippet; or a plain list of titles;
- boilerplate lines (continue-reading prompts, app and prize ads, editor lines, copyright and
  comment policy) are removed by the rules in `analysis/resources/boilerplate.toml`;
- every other line is a paragraph of the body (headings included), separated by a blank line.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from analysis.language.text import clean_line, clean_text, detect_lang, is_chinese
from analysis.model import ARTICLE, TEASER, Article
from analysis.sources import boilerplate as bp
from analysis.sources.base import InputRejected, ReaderOutput, ReadOptions
from analysis.sources.dates import ImpossibleDate, parse_published_at
from analysis.sources.encoding import decode

MAX_TITLE_CHARS = 200  # a longer first line is a paragraph, not a title
HEAD_LINES = 6  # the date line is among the first lines after the title
MIN_LETTERS = 4  # fewer letters (Han, kana, Latin…) than this is no article
_SENTENCE_END = re.compile(r"[。！？!?]")
_ELLIPSIS_END = re.compile(r"(\.\.\.|…|⋯)\s*$")
_BULLET = re.compile(r"^[\s▶►▸•·●■◆★☆\-*＊>》]+")
_KEY_DROP = re.compile(r"[\s\W_]+")


@dataclass(frozen=True, slots=True)
class Line:
    number: int  # 1-based line number in the decoded text
    text: str


@dataclass(slots=True)
class Teaser:
    title: str
    snippet: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Head:
    """What the lines around the title say about the article."""

    published_at: str | None = None
    source: str | None = None
    category: str | None = None
    views: int | None = None
    used: set[int] = field(default_factory=set)  # indices of metadata lines


def read_text(data: bytes, *, name: str, options: ReadOptions) -> ReaderOutput:
    """The article (and teasers) in one text file; InputRejected when there is none."""
    decoded = decode(data, name=name, override=options.encoding)
    warnings = [f"{name}: {warning}" for warning in decoded.warnings]
    if looks_like_word_list(decoded.text):
        raise InputRejected(
            "a tab-separated list or table, not article text (use --format tsv for a table)",
            path=name,
        )
    return read_lines(split_lines(decoded.text), name=name, warnings=warnings)


def looks_like_word_list(text: str) -> bool:
    """Most lines hold tab-separated fields and hardly any sentence ends: a word list."""
    lines = [line for line in text.split("\n") if line.strip() and not line.startswith("#")]
    if len(lines) < 20:
        return False
    tabbed = sum("\t" in line for line in lines)
    sentence_ends = sum(text.count(mark) for mark in "。！？")
    return tabbed >= 0.8 * len(lines) and sentence_ends < len(lines) / 20


def split_lines(text: str) -> list[Line]:
    """Non-blank cleaned lines with their line numbers."""
    cleaned = (clean_line(raw) for raw in clean_text(text).split("\n"))
    return [Line(number, line) for number, line in enumerate(cleaned, 1) if line]


def read_lines(lines: list[Line], *, name: str, warnings: list[str] | None = None) -> ReaderOutput:
    """Split cleaned lines into the article, its metadata and its teasers."""
    out = ReaderOutput(warnings=list(warnings or []))
    if _letter_count(lines) < MIN_LETTERS:
        raise InputRejected("no article text", path=name)
    site = find_site_name(lines)
    title_at = find_title(lines)
    if title_at is None:
        raise InputRejected("no article text", path=name)
    title, title_site, title_in_body = title_of(lines[title_at].text, site=site)
    site = site or title_site
    head = read_head(lines, title_at=title_at, name=name, warnings=out.warnings)
    block_at = find_block(lines, start=title_at + 1)
    teasers, block_end = (
        read_block(lines, start=block_at + 1, site=site) if block_at is not None else ([], 0)
    )
    skip = set(head.used) | (set(range(block_at, block_end)) if block_at is not None else set())
    first = title_at if title_in_body else title_at + 1
    body_lines = [
        line.text
        for index, line in enumerate(lines[first:], first)
        if index not in skip and (index == title_at or is_body_line(line.text, title, site))
    ]
    source = head.source or site or _byline_source(body_lines)
    body = "\n\n".join(body_lines)
    lang = detect_lang(f"{title}\n{body[:4000]}")
    if not is_chinese(lang):
        out.warnings.append(f"{name}: language {lang}, not Chinese: kept out of the analysis")
    out.articles.append(
        Article(
            title=title,
            body=body,
            published_at=head.published_at,
            source=source,
            category=head.category,
            views=head.views,
            kind=ARTICLE,
            lang=lang,
            origin=name,
        )
    )
    category = bp.recommendation_heading(lines[block_at].text) if block_at is not None else None
    out.articles.extend(
        _teaser_article(teaser, number=i, name=name, source=source, category=category or None)
        for i, teaser in enumerate(teasers, 1)
    )
    return out


def find_site_name(lines: list[Line]) -> str | None:
    """The suffix of caption lines (`<title> - 天天要聞`) that repeats on the page."""
    suffixes = Counter(
        split[1] for line in lines if (split := bp.split_site_suffix(line.text)) is not None
    )
    for suffix, count in suffixes.most_common(3):
        if count >= 2 and len(suffix) <= 20:
            return suffix
    return None


def find_title(lines: list[Line]) -> int | None:
    """Index of the first meaningful line."""
    for index, line in enumerate(lines[:50]):
        text = line.text
        if (
            sum(ch.isalpha() for ch in text[:400]) >= 2
            and bp.boilerplate_kind(text) is None
            and bp.parse_meta_line(text) is None
            and bp.recommendation_heading(text) is None
            and bp.inline_recommendation(text) is None
        ):
            return index
    return None


def title_of(text: str, *, site: str | None) -> tuple[str, str | None, bool]:
    """(title, site named by its suffix, whether the line also belongs to the body)."""
    if len(text) > MAX_TITLE_CHARS:
        return first_sentence(text), None, True
    split = bp.split_site_suffix(text)
    if split is not None and (split[1] == site or bp.looks_like_site_name(split[1])):
        return split[0], split[1], False
    return text, None, False


def first_sentence(text: str) -> str:
    """The first sentence of a paragraph, at most 100 characters: a title for untitled text."""
    return _SENTENCE_END.split(text[:400], maxsplit=1)[0][:100].strip() or text[:100]


def read_head(lines: list[Line], *, title_at: int, name: str, warnings: list[str]) -> Head:
    """Date, source, category and views from the metadata lines near the title (and the end)."""
    head = Head()
    dated = False
    near = [*range(title_at), *range(title_at + 1, min(len(lines), title_at + 1 + HEAD_LINES))]
    tail = range(max(title_at + 1 + HEAD_LINES, len(lines) - 5), len(lines))
    for index in [*near, *tail]:
        meta = bp.parse_meta_line(lines[index].text)
        if meta is None:
            continue
        if meta.date_text and index in tail:
            continue
        if meta.date_text and not dated:  # the first date near the title is the article's
            dated = True
            head.published_at = _published_at(
                meta.date_text, line=lines[index], name=name, warnings=warnings
            )
        head.source = head.source or meta.source
        head.category = head.category or meta.category
        head.views = head.views if head.views is not None else meta.views
        head.used.add(index)
    return head


def _published_at(text: str, *, line: Line, name: str, warnings: list[str]) -> str | None:
    try:
        return parse_published_at(text)
    except ImpossibleDate as exc:
        warnings.append(f"{name}:{line.number}: {exc}; published_at left empty")
        return None


def is_body_line(text: str, title: str, site: str | None) -> bool:
    """False for captions, repeats of the title, inline links and boilerplate."""
    title_key = _key(title)
    if _key(text) == title_key:
        return False
    split = bp.split_site_suffix(text)
    if split is not None and (split[1] == site or _key(split[0]) == title_key):
        return False
    return bp.inline_recommendation(text) is None and bp.boilerplate_kind(text) is None


def find_block(lines: list[Line], *, start: int) -> int | None:
    for index in range(start, len(lines)):
        if bp.recommendation_heading(lines[index].text) is not None:
            return index
    return None


def read_block(lines: list[Line], *, start: int, site: str | None) -> tuple[list[Teaser], int]:
    """Teasers of a recommendation block and the index where the block ends."""
    rest = lines[start:]
    if site and any(_caption_title(line.text, site) for line in rest):
        return _read_caption_teasers(rest, site=site), len(lines)
    teasers, used = _read_listed_teasers(rest)
    return teasers, start + used


def _caption_title(text: str, site: str) -> str | None:
    split = bp.split_site_suffix(text)
    return split[0] if split is not None and split[1] == site else None


def _read_caption_teasers(lines: list[Line], *, site: str) -> list[Teaser]:
    """`<title> - <site>`, `<title>`, `<snippet…>`, repeated."""
    teasers: list[Teaser] = []
    for line in lines:
        caption = _caption_title(line.text, site)
        if caption is not None:
            teasers.append(Teaser(title=caption))
        elif (
            teasers
            and _key(line.text) != _key(teasers[-1].title)
            and bp.boilerplate_kind(line.text) is None
        ):
            teasers[-1].snippet.append(line.text)
    return teasers


def _read_listed_teasers(lines: list[Line]) -> tuple[list[Teaser], int]:
    """A list of short titles (each perhaps with a `…` snippet); stops at a body paragraph."""
    teasers: list[Teaser] = []
    for used, line in enumerate(lines):
        text = line.text
        if bp.boilerplate_kind(text) is not None or bp.recommendation_heading(text) is not None:
            continue
        if _looks_like_title(text):
            teasers.append(Teaser(title=_BULLET.sub("", text)))
        elif teasers and not teasers[-1].snippet and _ELLIPSIS_END.search(text):
            teasers[-1].snippet.append(text)
        else:
            return teasers, used
    return teasers, len(lines)


def _looks_like_title(text: str) -> bool:
    return (
        len(text) <= 60 and not _SENTENCE_END.search(text[-1:]) and not _ELLIPSIS_END.search(text)
    )


def _teaser_article(
    teaser: Teaser, *, number: int, name: str, source: str | None, category: str | None
) -> Article:
    body = "\n\n".join(teaser.snippet)
    return Article(
        title=teaser.title,
        body=body,
        source=source,
        category=category,
        kind=TEASER,
        lang=detect_lang(f"{teaser.title}\n{body}"),
        origin=f"{name}#teaser-{number}",
    )


def _byline_source(body_lines: list[str]) -> str | None:
    for text in body_lines[:2]:
        outlet = bp.byline_outlet(text)
        if outlet:
            return outlet
    return None


def _letter_count(lines: list[Line]) -> int:
    count = 0
    for line in lines:
        count += sum(ch.isalpha() for ch in line.text[:1000])
        if count >= MIN_LETTERS:
            break
    return count


def _key(text: str) -> str:
    """A comparison key: NFKC, case-folded, without spaces or punctuation."""
    if len(text) > bp.MAX_CAPTION_CHARS:
        return text
    return _KEY_DROP.sub("", unicodedata.normalize("NFKC", text).casefold())
