"""Line-level rules shared by the text and HTML readers: boilerplate, site names, metadata lines.

The vocabularies live in `analysis/resources/boilerplate.toml`; this module only compiles them
and answers questions about one cleaned line at a time. Every rule looks at short lines only,
so a 25 MB line costs a length check, not a regular-expression scan.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass

from analysis.paths import RESOURCES
from analysis.sources.dates import find_date

VOCABULARY_FILE = RESOURCES / "boilerplate.toml"
MAX_META_CHARS = 120  # a date/source line is never longer than this
MAX_CAPTION_CHARS = 300

_SITE_SEPARATOR = re.compile(
    r"^(?P<head>.+?)\s*(?:\s[-–—|]\s|｜|\s_\s|(?<=\S)_(?=\S))\s*(?P<site>[^-–—|｜_]{2,30})$"
)
_WEEKDAY = re.compile(
    r"(?:星期|週|周|礼拜|禮拜)[一二三四五六日天]|\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?",
)
_SENTENCE_PUNCT = re.compile(r"[，。！？；,!?;]")
_TOKEN_SPLIT = re.compile(r"[\s|｜·•丨/／]+")
_BYLINE_OUTLET = re.compile(
    r"^[（(〔【\[]?\s*(?P<outlet>[\u4e00-\u9fff]{1,6}?(?:社|網|网|報|报|台|臺))\s*"
    r"(?:記者|记者|駐|驻|特派員|特派员|特約|特约|電|电)"
)


@dataclass(frozen=True, slots=True)
class LineRule:
    name: str
    max_chars: int
    min_hits: int
    anchored: bool
    patterns: tuple[re.Pattern[str], ...]

    def matches(self, line: str) -> bool:
        if len(line) > self.max_chars:
            return False
        if self.anchored and not self.patterns[0].match(line):
            return False
        hits = sum(1 for pattern in self.patterns if pattern.search(line))
        return hits >= self.min_hits


@dataclass(frozen=True, slots=True)
class Vocabulary:
    rules: tuple[LineRule, ...]
    recommendation_heading: re.Pattern[str]
    inline_recommendation: re.Pattern[str]
    source_field: re.Pattern[str]
    category_field: re.Pattern[str]
    views_field: re.Pattern[str]
    other_field: re.Pattern[str]
    site_words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MetaLine:
    """What a date/source line under a title says."""

    date_text: str | None = None
    source: str | None = None
    category: str | None = None
    views: int | None = None


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


@functools.cache
def vocabulary() -> Vocabulary:
    raw = tomllib.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))
    rules = tuple(
        LineRule(
            name=name,
            max_chars=int(rule["max_chars"]),
            min_hits=int(rule["min_hits"]),
            anchored=bool(rule.get("anchored", False)),
            patterns=tuple(re.compile(pattern) for pattern in rule["patterns"]),
        )
        for name, rule in raw["line_rules"].items()
    )
    rec = raw["recommendation"]
    meta = raw["metadata"]
    # a value is one run without spaces; Latin names may go on word by word (Associated Press)
    label_value = (
        r"\s*[：:]\s*(?P<value>[^\s|｜,，。;；/／()（）]{1,30}(?: [A-Za-z][A-Za-z.&'-]*){0,4})"
    )
    return Vocabulary(
        rules=rules,
        recommendation_heading=re.compile(
            rf"^[\W_]*(?P<prefix>\w{{0,8}}?)(?:{_alternation(rec['headings'])})[\W_]*$"
        ),
        inline_recommendation=re.compile(
            rf"^[\W_]*(?:{_alternation(rec['inline_prefixes'])})\s*[】\]]?\s*"
            r"[：:》>＞|｜▶►»]\s*(?P<title>\S.*)$"
        ),
        source_field=re.compile(rf"(?:{_alternation(meta['source_labels'])}){label_value}"),
        category_field=re.compile(rf"(?:{_alternation(meta['category_labels'])}){label_value}"),
        views_field=re.compile(
            rf"(?:{_alternation(meta['views_labels'])})\s*[：:]?\s*(?P<value>\d{{1,12}})"
            r"|(?P<value2>\d{1,12})\s*(?:次|人)?(?:閱讀|阅读|瀏覽|浏览|觀看|观看|views)"
        ),
        other_field=re.compile(rf"(?:{_alternation(meta['other_labels'])})\s*[：:]\s*\S*"),
        site_words=tuple(word.casefold() for word in raw["site_words"]["words"]),
    )


def boilerplate_kind(line: str) -> str | None:
    """The name of the rule that marks `line` as page furniture, or None for article text."""
    if len(line) > 200:
        return None
    for rule in vocabulary().rules:
        if rule.matches(line):
            return rule.name
    return None


def recommendation_heading(line: str) -> str | None:
    """For a heading such as `國際分類資訊推薦` or `相關新聞：`: its category prefix, or ""."""
    if len(line) > 24:
        return None
    match = vocabulary().recommendation_heading.match(line)
    if match is None:
        return None
    prefix = re.sub(r"(分類|分类|類|类)$", "", match["prefix"])
    return prefix


def inline_recommendation(line: str) -> str | None:
    """The linked title of an inline `延伸閱讀：<title>` line, or None."""
    if len(line) > 150:
        return None
    match = vocabulary().inline_recommendation.match(line)
    return match["title"] if match else None


def looks_like_site_name(text: str) -> bool:
    folded = text.casefold().strip()
    if not 2 <= len(folded) <= 30 or _SENTENCE_PUNCT.search(folded):
        return False
    return any(
        folded.endswith(word) or (len(word) > 1 and word in folded)
        for word in vocabulary().site_words
    )


def split_site_suffix(line: str) -> tuple[str, str] | None:
    """`<head> - <site>` (also ｜, |, _) split in two, or None."""
    if len(line) > MAX_CAPTION_CHARS:
        return None
    match = _SITE_SEPARATOR.match(line)
    if match is None or _SENTENCE_PUNCT.search(match["site"]):
        return None
    return match["head"].strip(), match["site"].strip()


def byline_outlet(line: str) -> str | None:
    """`中央社` from a dateline such as `（中央社記者王小明台北18日電）`."""
    match = _BYLINE_OUTLET.match(line[:40])
    return match["outlet"] if match else None


def parse_meta_line(line: str) -> MetaLine | None:
    """The date, source, category and view count of a metadata line; None for article text."""
    if len(line) > MAX_META_CHARS:
        return None
    vocab = vocabulary()
    date = find_date(line)
    source = vocab.source_field.search(line)
    if date is None and source is None:
        return None
    spans = [m for m in (date, source) if m is not None]
    category = vocab.category_field.search(line)
    views = vocab.views_field.search(line)
    spans += [m for m in (category, views) if m is not None]
    spans += list(vocab.other_field.finditer(line))
    rest = line
    for match in sorted(spans, key=lambda m: m.start(), reverse=True):
        marker = " \x01 " if match is date else " "
        rest = rest[: match.start()] + marker + rest[match.end() :]
    rest = _WEEKDAY.sub(" ", rest)
    before, _, after = rest.partition("\x01") if date else ("", "", rest)
    leftover = f"{before} {after}".strip()
    if _SENTENCE_PUNCT.search(leftover) or len(leftover) > 24:
        return None
    meta = MetaLine(
        date_text=date.group(0) if date else None,
        source=source["value"] if source else None,
        category=category["value"] if category else None,
        views=_views_value(views),
    )
    return _fill_from_tokens(meta, before=before, after=after)


def _views_value(match: re.Match[str] | None) -> int | None:
    if match is None:
        return None
    return int(match["value"] or match["value2"])


def _fill_from_tokens(meta: MetaLine, *, before: str, after: str) -> MetaLine:
    """Bare tokens: a number is the view count, a site name the source, a word the category."""
    source, category, views = meta.source, meta.category, meta.views
    tokens = [(t, "before") for t in _TOKEN_SPLIT.split(before) if t]
    tokens += [(t, "after") for t in _TOKEN_SPLIT.split(after) if t]
    for token, side in tokens:
        if token.isdigit() and len(token) <= 12:
            views = views if views is not None else int(token)
        elif not any(ch.isalpha() for ch in token) or len(token) > 12:
            continue
        elif (looks_like_site_name(token) and len(token) >= 3) or side == "before":
            source = source or token
        else:
            category = category or token
    return MetaLine(date_text=meta.date_text, source=source, category=category, views=views)
