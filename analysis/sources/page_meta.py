"""What an HTML page says about itself in its markup: title, date, site, URL and section.

- title: og:title, twitter:title, the first <h1> (up to 200 characters), then the <title>;
- date: a date <meta> (article:published_time or one of its other names), then JSON-LD
  `datePublished`, then `<time datetime>` (within the <article> when there is one);
- site: og:site_name or application-name; URL: the canonical link or og:url; section:
  article:section.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import lxml.html

from analysis.language.text import clean_line
from analysis.sources.dates import ImpossibleDate, parse_published_at
from analysis.sources.html_text import first_element

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


def page_meta(root: lxml.html.HtmlElement, *, name: str, warnings: list[str]) -> PageMeta:
    metas = _meta_values(root)
    title = metas.get("og:title") or metas.get("twitter:title") or _heading(root)
    if not title:
        title = _element_text(first_element(root, "title"))
    raw_date = next((metas[key] for key in _DATE_META if metas.get(key)), None)
    raw_date = raw_date or _json_ld_date(root) or _time_datetime(root)
    published_at = parse_date(raw_date, name=name, warnings=warnings) if raw_date else None
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
    text = _element_text(first_element(root, "h1"))
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
    article = first_element(root, "article")
    container = article if article is not None else root
    for element in container.iter("time"):
        value = element.get("datetime")
        if value and value.strip():
            return value.strip()
    return None


def parse_date(text: str | None, *, name: str, warnings: list[str]) -> str | None:
    if not text:
        return None
    try:
        return parse_published_at(text)
    except ImpossibleDate as exc:
        warnings.append(f"{name}: {exc}; published_at left empty")
        return None
