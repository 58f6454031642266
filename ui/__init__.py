"""The Streamlit side of newslens: the shared filter, cached queries, labels and downloads.

Pages import from here only (`import ui`), so a helper exists once.
"""

from ui import data, labels
from ui.sidebar import (
    ARTICLE_PARAM,
    HIGHLIGHT_PARAM,
    MAX_HIGHLIGHT,
    language,
    sidebar_filter,
    t,
)
from ui.widgets import (
    article_link,
    article_links,
    chart,
    empty_notice,
    file_name,
    highlighted_markdown,
    interval_picker,
    page_header,
    plain_caption,
    stats_frame,
    table,
)

__all__ = [
    "ARTICLE_PARAM",
    "HIGHLIGHT_PARAM",
    "MAX_HIGHLIGHT",
    "article_link",
    "article_links",
    "chart",
    "data",
    "empty_notice",
    "file_name",
    "highlighted_markdown",
    "interval_picker",
    "labels",
    "language",
    "page_header",
    "plain_caption",
    "sidebar_filter",
    "stats_frame",
    "t",
    "table",
]
