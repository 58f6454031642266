"""The Streamlit side of newslens: the shared filter, cached queries, labels and downloads.

Pages import from here only (`import ui`), so a helper exists once.
"""

from ui import data, labels
from ui.sidebar import current_filter, language, sidebar_filter, t
from ui.widgets import (
    chart,
    csv_button,
    describe_filter,
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
    "csv_button",
    "current_filter",
    "data",
    "describe_filter",
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
