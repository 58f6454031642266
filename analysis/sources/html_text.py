"""The text of an HTML page without the extractor: nesting depth, page chrome, tags stripped.

- `nesting_depth` counts element nesting on the tags alone, before any parser sees the page.
- `without_chrome` drops scripts, styles, navigation, asides, headers, footers and forms.
- `fallback_text` is the text of <article>, <main> or <body>, a line break at each block.
- `stripped_text` strips tags by regular expressions, for pages too deep for lxml.
"""

from __future__ import annotations

import copy
import re
from html import unescape

import lxml.html

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
_DROP_BLOCK = re.compile(
    r"<(script|style|noscript|template|nav|aside|footer|header|form|svg)\b[^>]*>.*?</\1\s*>",
    re.IGNORECASE | re.DOTALL,
)
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|h[1-6]|li|tr|section|article|blockquote|pre|main)\b[^>]*>", re.IGNORECASE
)
_ANY_TAG = re.compile(r"<[^<>]*>")


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
        (
            found
            for tag in ("article", "main", "body")
            if (found := first_element(root, tag)) is not None
        ),
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


def first_element(root: lxml.html.HtmlElement, tag: str) -> lxml.html.HtmlElement | None:
    return next(iter(root.iter(tag)), None)
