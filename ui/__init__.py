"""The Streamlit side of newslens: the shared filter, cached queries, labels and downloads.

Pages import from here only (`import ui`), so a helper exists once.
"""

from ui import data, labels
from ui.sidebar import language, sidebar_filter, t
from ui.widgets import (
    chart,
    empty_notice,
    file_name,
    interval_picker,
    page_header,
    plain_caption,
    stats_frame,
    table,
)

__all__ = [
    "chart",
    "data",
    "empty_notice",
    "file_name",
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
