"""Daily news digests: one Markdown file per broadcast day holding many stories.

The layout is that of the CCTV 《新闻联播》 transcripts (`xwlb-cctv-zh-hans`):

    # 《新闻联播》 (20240619)
    ## 新闻摘要            numbered list of the day's items (skipped: the stories follow)
    ## 详细新闻
    ### <headline>        one section per story; the body is raw HTML
    <p><strong>央视网消息</strong>（新闻联播）：…</p><p>…</p>
    [查看原文](https://tv.cctv.com/…)
    ---
    (更新时间戳: 1718801674527)

Every `###` section is one story. The 快讯 sections bundle several short stories, each under a
paragraph that is wholly bold (`<p><strong>sub-heading</strong></p>`): each becomes its own
article, titled with the sub-heading, sharing the section's url.

Dates: the day comes from the `# 《新闻联播》 (YYYYMMDD)` heading, else from the file name, and
is stored as a date alone (`2024-06-19`), not as the 19:00 broadcast time: the stories report
the day's events rather than a moment, the time line is not in every file, and `dates.py` keeps
dates without a time as dates, so every source in the store is treated alike.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from analysis.language.text import clean_line, clean_text, detect_lang, squeeze_blank_lines
from analysis.model import Article
from analysis.sources.base import InputRejected, ReaderOutput, ReadOptions
from analysis.sources.encoding import decode

SOURCE = "央视新闻联播"
DOMESTIC = "国内"
INTERNATIONAL = "国际"

_DAY = re.compile(r"((?:19|20)\d\d)(\d\d)(\d\d)")
_TITLE_DAY = re.compile(r"^#[ \t]+《?新闻联播》?[ \t]*[(（][ \t]*((?:19|20)\d{6})[ \t]*[)）]", re.M)
_SECTION = re.compile(r"^###[ \t]+(.*)$", re.M)
_HIGHER_HEADING = re.compile(r"^#{1,2}[ \t]", re.M)
_LINK = re.compile(r"\[查看原文\]\(\s*<?(\S+?)>?\s*\)")
_TIMESTAMP_LINE = re.compile(r"^\s*[(（]\s*更新时间戳\s*[:：][^)）\n]*[)）]\s*$", re.M)
_RULE_LINE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$", re.M)
_DROP_BLOCK = re.compile(r"<(script|style|template)\b[^>]*>.*?</\1\s*>", re.S | re.I)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_PARAGRAPH_SPLIT = re.compile(r"</?(?:p|div|h[1-6]|li|ul|ol|blockquote|table|tr)\b[^>]*>", re.I)
_BREAK = re.compile(r"<br\s*/?>", re.I)
_STRONG = re.compile(r"<(strong|b)\b[^>]*>(.*?)</\1\s*>", re.S | re.I)
_TAG = re.compile(r"</?[A-Za-z][^>]*>|</?>")
_LEAD_IN = re.compile(r"^\s*央视网消息\s*(?:[(（]\s*新闻联播\s*[)）])?\s*[：:]?\s*")


@dataclass(frozen=True, slots=True)
class _Paragraph:
    text: str
    heading: bool  # wholly bold: a sub-heading inside a story


@dataclass(frozen=True, slots=True)
class _Story:
    title: str
    body: str
    url: str | None
    category: str | None


def read_digest(data: bytes, *, name: str, options: ReadOptions) -> ReaderOutput:
    """One article per story of a daily digest; raises only InputRejected."""
    decoded = decode(data, name=name, override=options.encoding)
    text = clean_text(decoded.text)
    sections = list(_sections(text))
    if not sections:
        raise InputRejected("not a news digest: no `### ` story sections found", path=name)
    out = ReaderOutput(warnings=[f"{name}: {warning}" for warning in decoded.warnings])
    published_at = _published_at(text, name=name)
    if published_at is None:
        out.warnings.append(f"{name}: no date in the `# 《新闻联播》 (YYYYMMDD)` heading or name")
    index = 0
    for heading, block in sections:
        stories = list(_stories(heading, block))
        if not stories:
            out.warnings.append(f"{name}: story {clean_line(heading)!r} has no text, skipped")
        for story in stories:
            index += 1
            out.articles.append(
                Article(
                    title=story.title,
                    body=story.body,
                    published_at=published_at,
                    source=SOURCE,
                    category=story.category,
                    url=story.url,
                    lang=detect_lang(f"{story.title}\n{story.body}"),
                    origin=f"{name}#{index}",
                )
            )
    return out


def _published_at(text: str, *, name: str) -> str | None:
    """The broadcast day from the top heading, else from the file name (`20240619.md`)."""
    match = _TITLE_DAY.search(text)
    digits = match.group(1) if match else None
    if digits is None:
        base = re.split(r"[/\\!]", name)[-1]
        found = _DAY.search(base)
        digits = found.group(0) if found else None
    if digits is None:
        return None
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:])).isoformat()
    except ValueError:
        return None


def _sections(text: str) -> Iterator[tuple[str, str]]:
    """(heading, raw block) for every `###` section; a `#` or `##` heading ends a section."""
    starts = list(_SECTION.finditer(text))
    for i, match in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        block = text[match.end() : end]
        higher = _HIGHER_HEADING.search(block)
        if higher:
            block = block[: higher.start()]
        yield match.group(1), block


def _stories(heading: str, block: str) -> Iterator[_Story]:
    title = clean_line(_to_text(heading))
    link = _LINK.search(block)
    url = link.group(1) if link else None
    block = _LINK.sub("", block)
    block = _TIMESTAMP_LINE.sub("", block)
    block = _RULE_LINE.sub("", block)
    paragraphs = _drop_lead_in(_paragraphs(block))
    if not _is_bundle(title):
        body = _join(p.text for p in paragraphs)
        if body and title:
            yield _Story(title, body, url, None)
        return
    yield from _split_bundle(title, paragraphs, url, _bundle_category(title))


def _is_bundle(title: str) -> bool:
    return "快讯" in title or "快訊" in title


def _bundle_category(title: str) -> str | None:
    """The category a 快讯 bundle's title names, if any."""
    if "国际" in title or "國際" in title:
        return INTERNATIONAL
    if "国内" in title or "國內" in title:
        return DOMESTIC
    return None


def _split_bundle(
    title: str, paragraphs: list[_Paragraph], url: str | None, category: str | None
) -> Iterator[_Story]:
    """One story per bold sub-heading; text before the first one keeps the bundle's title."""
    current_title, current_body = title, list[str]()
    for paragraph in paragraphs:
        if paragraph.heading:
            body = _join(current_body)
            if body and current_title:
                yield _Story(current_title, body, url, category)
            current_title, current_body = paragraph.text, []
        else:
            current_body.append(paragraph.text)
    body = _join(current_body)
    if body and current_title:
        yield _Story(current_title, body, url, category)


def _paragraphs(block: str) -> list[_Paragraph]:
    """The block's HTML (or plain lines) as paragraphs, noting which are wholly bold."""
    block = _COMMENT.sub("", _DROP_BLOCK.sub("", block))
    block = _BREAK.sub("\n", block)
    paragraphs: list[_Paragraph] = []
    for chunk in _PARAGRAPH_SPLIT.split(block):
        for part in re.split(r"\n[ \t\u3000]*\n", chunk):
            text = clean_line(_to_text(part)) if "\n" not in part.strip() else _lines(part)
            if not text:
                continue
            outside_bold = clean_line(_to_text(_STRONG.sub("", part)))
            paragraphs.append(_Paragraph(text, heading=not outside_bold and _has_bold(part)))
    return paragraphs


def _lines(part: str) -> str:
    """A paragraph with inner line breaks (from <br>): each line cleaned, kept on its line."""
    lines = (clean_line(_to_text(line)) for line in part.split("\n"))
    return "\n".join(line for line in lines if line)


def _has_bold(part: str) -> bool:
    return _STRONG.search(part) is not None


def _drop_lead_in(paragraphs: list[_Paragraph]) -> list[_Paragraph]:
    """Remove the `央视网消息（新闻联播）：` lead-in from the first paragraph."""
    if not paragraphs:
        return paragraphs
    first = paragraphs[0]
    if not _LEAD_IN.match(first.text):
        return paragraphs
    rest = _LEAD_IN.sub("", first.text, count=1)
    if not rest:
        return paragraphs[1:]
    return [_Paragraph(rest, heading=False), *paragraphs[1:]]


def _to_text(fragment: str) -> str:
    """Tags removed, entities decoded."""
    return html.unescape(_TAG.sub("", fragment))


def _join(paragraphs: Iterator[str] | list[str]) -> str:
    return squeeze_blank_lines("\n\n".join(paragraphs))
