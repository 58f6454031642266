"""What every page draws the same way: its header, charts and tables with their downloads.

Corpus text (titles, sources, entity names, bodies) is shown only through `st.text`, widgets,
dataframes or `plain_caption` (markdown with every punctuation mark escaped), never as HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal
from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.elements.arrow import DataframeState
from streamlit.elements.plotly_chart import PlotlyState
from streamlit.runtime.pages_manager import PagesManager

from analysis.model import Filter
from analysis.queries.names import display_name
from analysis.render import images
from analysis.render.export import to_csv_bytes
from ui import data, labels
from ui.sidebar import ARTICLE_PARAM, HIGHLIGHT_PARAM, MAX_HIGHLIGHT, current_filter, language, t

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]#|~<>$:&])")
_UNSAFE_IN_NAME = re.compile(r"[^\w.+-]+")


def escape_markdown(value: str) -> str:
    """Text that st.markdown/st.caption show literally (no links, LaTeX, colours or HTML)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", value)


def plain_caption(value: str) -> None:
    st.caption(escape_markdown(value))


_ASCII_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def _literal(value: str) -> str:
    """Text that markdown shows as written: every ASCII punctuation mark escaped (CommonMark
    allows it for each), so no HTML, link, autolink, emphasis, list, heading or directive can
    form; leading spaces dropped, so no line becomes a code block."""
    return _ASCII_PUNCTUATION.sub(r"\\\1", value.lstrip(" \t"))


def highlighted_markdown(text: str, sentence: str | None) -> tuple[str, int]:
    """Markdown that shows untrusted `text` literally, one paragraph a line, with every
    occurrence of `sentence` on a highlight; and how many occurrences there are."""
    spans: list[tuple[int, int]] = []
    start = text.find(sentence) if sentence else -1
    while sentence and start >= 0:
        spans.append((start, start + len(sentence)))
        start = text.find(sentence, start + len(sentence))
    pieces: list[tuple[str, bool]] = []
    at = 0
    for begin, end in spans:
        pieces += [(text[at:begin], False), (text[begin:end], True)]
        at = end
    pieces.append((text[at:], False))
    lines: list[str] = [""]
    for chunk, marked in pieces:
        for i, part in enumerate(chunk.split("\n")):
            if i:
                lines.append("")
            shown = _literal(part) if not lines[-1] else _ASCII_PUNCTUATION.sub(r"\\\1", part)
            if marked and shown.strip():
                shown = f":orange-background[**{shown.strip()}**]"
            lines[-1] += shown
    return "\n\n".join(line for line in lines if line.strip()), len(spans)


def describe_filter(flt: Filter, lang: str) -> str:
    """The filter in words, in the chosen language."""
    parts: list[str] = []
    if flt.date_from and flt.date_to:
        parts.append(labels.text("from_to", lang).format(flt.date_from, flt.date_to))
    elif flt.date_from:
        parts.append(labels.text("since", lang).format(flt.date_from))
    elif flt.date_to:
        parts.append(labels.text("until", lang).format(flt.date_to))
    if flt.topics:
        names = "、".join(labels.topic(x, lang) for x in flt.topics)
        parts.append(f"{labels.text('topics', lang)}：{names}")
    if flt.sources:
        parts.append(f"{labels.text('sources', lang)}：{'、'.join(flt.sources)}")
    if flt.entity:
        name = display_name(flt.entity, lang=lang) or flt.entity
        parts.append(f"{labels.text('entity', lang)}：{name}")
    if flt.q:
        parts.append(f"{labels.text('keyword', lang)}：「{flt.q}」")
    if flt.include_teasers:
        parts.append(labels.text("teasers_in", lang))
    return " · ".join(parts) or labels.text("all_articles", lang)


def ensure_navigation() -> None:
    """Run the page through app.py when Streamlit ran the page file on its own.

    Streamlit keeps a legacy mode for apps with a `pages/` folder: until some run in the
    server process has called `st.navigation`, a request for /timeline runs pages/timeline.py
    alone, without the sidebar filter or the page titles. That happens to the first visitor
    after a server start who opens a copied link. Leave that mode (a process-wide flag that
    `st.navigation` itself sets) and run again, through app.py, on the same URL.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def page_header(key: str) -> Filter:
    """Title, the active filter in words and how many articles it selects; the filter."""
    ensure_navigation()
    flt = current_filter()
    lang = language()
    st.title(t(key))
    count = data.article_count(flt)
    plain_caption(
        f"{t('filter')}：{describe_filter(flt, lang)}  →  "
        + labels.text("count_line", lang).format(f"{count:,}")
    )
    return flt


def file_name(kind: str, flt: Filter, ext: str) -> str:
    """`events_russia-dprk_2023-09-01_2023-09-30.csv`: what it holds and for which filter."""
    parts = [kind]
    if flt.topics:
        parts.append("+".join(flt.topics))
    if flt.sources:
        parts.append("+".join(flt.sources))
    if flt.entity:
        parts.append(flt.entity)
    if flt.q:
        parts.append(f"q-{flt.q}")
    parts.append(flt.date_from.isoformat() if flt.date_from else "start")
    parts.append(flt.date_to.isoformat() if flt.date_to else "end")
    stem = "_".join(_UNSAFE_IN_NAME.sub("-", p).strip("-") or "x" for p in parts)
    return f"{stem[:150]}.{ext}"


def csv_button(frame: pd.DataFrame, kind: str, flt: Filter, *, key: str) -> None:
    st.download_button(
        t("csv"),
        to_csv_bytes(frame),
        file_name=file_name(kind, flt, "csv"),
        mime="text/csv",
        key=f"csv-{key}",
        on_click="ignore",
        icon=":material/download:",
        help=t("csv_help"),
    )


def _png_bytes(fig: go.Figure) -> bytes:
    try:
        return images.figure_png(fig, settings=data.settings()) or b""
    except Exception:  # a browser that fails to start must not break the page
        return b""


def chart(
    fig: go.Figure,
    frame: pd.DataFrame,
    kind: str,
    flt: Filter,
    *,
    key: str,
    on_select: Literal["ignore", "rerun"] = "ignore",
    selection_mode: Iterable[Literal["points", "box", "lasso"]] = ("points",),
) -> PlotlyState | None:
    """The chart with PNG and CSV downloads of exactly the frame it draws; what the user
    selected in it when `on_select` is "rerun"."""
    stem = file_name(kind, flt, "png")[:-4]
    config = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "filename": stem}}
    modes = tuple(selection_mode)
    event: PlotlyState | None = None
    if on_select == "rerun":
        event = st.plotly_chart(
            fig, key=key, on_select="rerun", selection_mode=modes, config=config
        )
    else:
        st.plotly_chart(fig, key=key, selection_mode=modes, config=config)
    left, right, _ = st.columns([1, 1, 3])
    with left:
        if images.png_export_available(data.settings()):
            st.download_button(
                t("png"),
                lambda: _png_bytes(fig),
                file_name=f"{stem}.png",
                mime="image/png",
                key=f"png-{key}",
                on_click="ignore",
                icon=":material/image:",
            )
        else:
            st.caption(t("png_fallback"))
    with right:
        csv_button(frame, kind, flt, key=key)
    return event


def column_config(columns: Iterable[str]) -> tuple[list[str], dict[str, Any]]:
    """The columns shown (ids left out, see `labels.hidden`) and their headers in the session's
    language. Display only: the CSV keeps every column under its field name."""
    lang = language()
    columns = list(columns)
    shown = [c for c in columns if not labels.hidden(c, columns)]
    config: dict[str, Any] = {}
    for column in shown:
        header = labels.column_header(column, lang)
        if header:
            config[column] = st.column_config.Column(header)
    return shown, config


def article_link(article_id: str, sentence: str | None, flt: Filter) -> str:
    """A link (relative to the page) to the Articles page reading `article_id` with `sentence`
    highlighted, under the same filter and language."""
    params = {**flt.to_params(), "lang": [language()], ARTICLE_PARAM: [article_id]}
    if sentence:
        params[HIGHLIGHT_PARAM] = [sentence[:MAX_HIGHLIGHT]]
    return "./articles?" + urlencode(params, doseq=True)


def article_links(frame: pd.DataFrame, flt: Filter) -> list[str]:
    """`article_link` for each row of a frame with `article_id` and `sentence` columns."""
    return [
        article_link(str(a), s if isinstance(s, str) else None, flt)
        for a, s in zip(frame["article_id"], frame["sentence"], strict=True)
    ]


def table(
    frame: pd.DataFrame,
    kind: str,
    flt: Filter,
    *,
    key: str,
    height: int | Literal["auto"] = "auto",
    on_select: Literal["ignore", "rerun"] = "ignore",
    extra_config: Mapping[str, Any] | None = None,
    links: Sequence[str] | None = None,
) -> DataframeState | None:
    """A dataframe with localised headers and our safe CSV download of the same frame (the
    dataframe's own export is off in config.toml); the row picked when `on_select` is "rerun".
    `links` (one URL a row, see `article_link`) are shown first, as a link column, and stay out
    of the CSV."""
    shown, config = column_config(frame.columns)
    if height == "auto" and len(frame) <= 20:  # short tables whole, not cut at ten rows
        height = 35 * (len(frame) + 1) + 3
    data = _blank_missing(frame)
    if links is not None:
        data = data.assign(link=list(links))
        shown = ["link", *shown]
        config["link"] = st.column_config.LinkColumn(t("link"), display_text=t("open"))
    columns = {**config, **(extra_config or {})}
    event: DataframeState | None = None
    if on_select == "rerun":
        event = st.dataframe(
            data,
            hide_index=True,
            column_order=shown,
            column_config=columns,
            height=height,
            key=key,
            on_select="rerun",
            selection_mode="single-row",
        )
    else:
        st.dataframe(
            data, hide_index=True, column_order=shown, column_config=columns, height=height, key=key
        )
    csv_button(frame, kind, flt, key=key)
    return event


def _blank_missing(frame: pd.DataFrame) -> pd.DataFrame:
    """Missing text and numbers shown as an empty cell, as in the CSV, rather than the word
    None: a text column gets "" in its gaps, a number column with gaps becomes text (display
    only: the CSV keeps the numbers)."""
    blanked: dict[str, Any] = {}
    for c in frame.columns:
        column = frame[c]
        if pd.api.types.is_string_dtype(column) or column.dtype == object:
            blanked[c] = column.where(column.notna(), "")
        elif pd.api.types.is_numeric_dtype(column) and column.isna().any():
            blanked[c] = ["" if pd.isna(v) else str(v) for v in column]
    return frame.assign(**blanked) if blanked else frame


def stats_frame(stats: Mapping[str, Any], *, batches: int | None = None) -> pd.DataFrame:
    """The store's counts as `measure`, `measure_label`, `value` rows, for a table."""
    rows: list[tuple[str, str, object]] = [
        ("articles", t("articles_n"), stats["articles"]),
        ("teasers", t("teasers"), stats["teasers"]),
        ("sources", t("sources_n"), stats["sources"]),
        ("first", t("first"), stats["first"] or "—"),
        ("last", t("last"), stats["last"] or "—"),
        ("events", t("events_n"), stats["events"]),
        ("undated", t("undated"), stats["undated"]),
        ("rejected", t("rejected"), stats["rejected"]),
        ("duplicates_folded", t("duplicates"), stats["duplicates_folded"]),
    ]
    rows += [
        (f"lang:{code}", f"{t('lang_mix')}：{code}", n) for code, n in stats["languages"].items()
    ]
    if batches is not None:
        rows.append(("batches", t("batches"), batches))
    frame = pd.DataFrame(rows, columns=["measure", "measure_label", "value"])
    return frame.astype({"value": str})


def interval_picker(*, key: str, options: tuple[str, ...] = ("week", "month")) -> str:
    """The period a chart counts by; the last option is the default."""
    choice: str = st.radio(
        t("interval"),
        options,
        index=len(options) - 1,
        format_func=t,
        horizontal=True,
        key=key,
    )
    return choice


def empty_notice() -> None:
    st.info(t("nothing"))
