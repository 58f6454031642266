"""Plotly figures, with a Chinese font everywhere.

Figures take the frame a query returned plus display labels, and draw exactly that frame, so a
chart's CSV download is the frame it was drawn from. Text from the corpus (entity names, titles)
is HTML-escaped before it reaches plotly, whose labels understand a few tags. The event map is in
world_map.py; PNG export and the word cloud are in images.py, the font they use in fonts.py.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

FONT_FAMILY = "Noto Sans CJK TC, Noto Sans CJK SC, Noto Sans CJK JP, sans-serif"


def escape_text(value: object) -> str:
    """Corpus text made inert for plotly's label markup (it reads <b>, <a href> …)."""
    return html.escape("" if value is None or value is pd.NA else str(value), quote=False)


def style(fig: go.Figure, *, title: str | None = None, height: int = 420) -> go.Figure:
    fig.update_layout(
        title=title,
        font={"family": FONT_FAMILY, "size": 13},
        height=height,
        margin={"l": 40, "r": 20, "t": 50 if title else 20, "b": 40},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        template="plotly_white",
    )
    return fig


_DAY_MS = 86_400_000
_PERIOD_DAYS = {"day": 1, "week": 7, "month": 30}


def date_axis(fig: go.Figure, periods: Sequence[str], *, interval: str = "day") -> go.Figure:
    """An x axis of dates (never times of day): ticks on whole days, weeks or months, and a
    range padded by one period so that a single period sits in the middle, not at 23:59:59."""
    days = _PERIOD_DAYS.get(interval, 1)
    values = sorted({str(p)[:10] for p in periods if p is not None and str(p)})
    axis: dict[str, object] = {
        "type": "date",
        "tickformat": "%Y-%m" if interval == "month" else "%Y-%m-%d",
    }
    if values:
        first, last = pd.Timestamp(values[0]), pd.Timestamp(values[-1])
        pad = pd.Timedelta(days=days)
        axis["range"] = [(first - pad).isoformat(), (last + pad).isoformat()]
        span_days = (last - first).days + 2 * days
        if interval == "month" and span_days <= 24 * 31:
            axis["dtick"] = "M1"
        elif interval != "month" and span_days <= 16 * days:
            axis["dtick"] = days * _DAY_MS
        axis["tick0"] = values[0]
    fig.update_xaxes(**axis)
    return fig


def timeline_figure(
    frame: pd.DataFrame,
    *,
    series_labels: Mapping[str, str],
    value: str = "articles",
    stacked: bool = False,
    peaks: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
    axis_labels: Mapping[str, str],
    interval: str = "day",
) -> go.Figure:
    """Lines (or stacked areas) per topic over `period` (`interval` long); optional peak marks
    and event bars."""
    fig = go.Figure()
    for topic, rows in frame.groupby("topic", sort=False):
        name = escape_text(series_labels.get(str(topic), topic))
        fig.add_trace(
            go.Scatter(
                x=rows["period"],
                y=rows[value],
                name=name,
                mode="lines+markers",
                stackgroup="one" if stacked else None,
                customdata=rows[["topic"]],
            )
        )
    if events is not None and not events.empty:
        fig.add_trace(
            go.Bar(
                x=events["period"],
                y=events["events"],
                name=axis_labels.get("events", "events"),
                yaxis="y2",
                opacity=0.35,
                marker_color="#888",
            )
        )
        fig.update_layout(
            yaxis2={
                "overlaying": "y",
                "side": "right",
                "showgrid": False,
                "title": axis_labels.get("events", "events"),
            }
        )
    if peaks is not None and not peaks.empty:
        lookup = frame.set_index(["period", "topic"])[value]
        periods = sorted(frame["period"].astype(str).unique())
        for peak in peaks.itertuples():
            y = lookup.get((peak.period, peak.topic), peak.articles)
            headline = escape_text(peak.title or "")
            headline = headline[:22] + "…" if len(headline) > 23 else headline
            side = _label_side(periods, str(peak.period))
            fig.add_annotation(
                x=peak.period,
                y=y,
                text=headline,
                showarrow=True,
                arrowhead=2,
                ax={"left": 20, "right": -20}.get(side, 0),
                ay=-36,
                xanchor=side,
                font={"size": 11},
                bgcolor="rgba(255,255,255,0.8)",
            )
    fig.update_xaxes(title=axis_labels.get("period"))
    fig.update_yaxes(title=axis_labels.get(value), tickformat=".0%" if value == "share" else None)
    if value != "share":
        count_axis(fig, frame[value].max() if len(frame) else 0)
    date_axis(fig, frame["period"].tolist(), interval=interval)
    return style(fig)


def _label_side(periods: Sequence[str], period: str) -> str:
    """Where a label's box sits against its arrow: it opens towards the middle of the plot,
    so that a peak near either end keeps its headline inside the figure."""
    if period not in periods or len(periods) < 2:
        return "center"
    position = periods.index(period) / (len(periods) - 1)
    if position > 0.75:
        return "right"
    if position < 0.25:
        return "left"
    return "center"


def count_axis(fig: go.Figure, highest: float, *, axis: str = "y") -> go.Figure:
    """Whole-number ticks on an axis of counts (no 0.2 articles when the counts are small)."""
    settings: dict[str, object] = {"rangemode": "tozero", "tickformat": ",d"}
    if highest <= 10:
        settings["dtick"] = 1
    if axis == "y":
        fig.update_yaxes(**settings)
    else:
        fig.update_xaxes(**settings)
    return fig


def bar_figure(
    frame: pd.DataFrame,
    *,
    x: str,
    y: str,
    labels: Sequence[str] | None = None,
    axis_labels: Mapping[str, str],
    horizontal: bool = True,
    keys: Sequence[str] | None = None,
) -> go.Figure:
    """One bar per row; `labels` are the display names, `keys` ride along as customdata."""
    names = [escape_text(v) for v in (labels if labels is not None else frame[x])]
    values = frame[y].tolist()
    custom = list(keys) if keys is not None else frame[x].astype(str).tolist()
    if horizontal:
        bar = go.Bar(x=values[::-1], y=names[::-1], orientation="h", customdata=custom[::-1])
    else:
        bar = go.Bar(x=names, y=values, customdata=custom)
    fig = go.Figure(bar)
    value_axis, name_axis = (
        (fig.update_xaxes, fig.update_yaxes) if horizontal else (fig.update_yaxes, fig.update_xaxes)
    )
    value_axis(title=axis_labels.get(y))
    name_axis(title=axis_labels.get(x))
    count_axis(fig, max(values, default=0), axis="x" if horizontal else "y")
    return style(fig, height=max(320, 22 * len(names) + 80) if horizontal else 420)


def trend_figure(
    frame: pd.DataFrame, *, series: str, axis_labels: Mapping[str, str], interval: str = "day"
) -> go.Figure:
    """Lines of `articles` over `period` (`interval` long), one per value of `series`."""
    fig = go.Figure()
    for name, rows in frame.groupby(series, sort=False):
        fig.add_trace(
            go.Scatter(
                x=rows["period"], y=rows["articles"], name=escape_text(name), mode="lines+markers"
            )
        )
    fig.update_xaxes(title=axis_labels.get("period"))
    fig.update_yaxes(title=axis_labels.get("articles"))
    count_axis(fig, frame["articles"].max() if len(frame) else 0)
    date_axis(fig, frame["period"].tolist(), interval=interval)
    return style(fig)


def co_mention_heatmap_figure(frame: pd.DataFrame, *, axis_labels: Mapping[str, str]) -> go.Figure:
    """Articles mentioning both entities, as a symmetric heat map over the entities present."""
    names = pd.concat(
        [frame.set_index("entity_a")["name_a"], frame.set_index("entity_b")["name_b"]]
    )
    names = names[~names.index.duplicated()]
    ids = list(names.index)
    matrix = pd.DataFrame(0, index=ids, columns=ids)
    for row in frame.itertuples():
        matrix.loc[row.entity_a, row.entity_b] = row.articles
        matrix.loc[row.entity_b, row.entity_a] = row.articles
    labels = [escape_text(names[i]) for i in ids]
    fig = go.Figure(
        go.Heatmap(
            z=matrix.values,
            x=labels,
            y=labels,
            colorscale="Blues",
            colorbar={"title": axis_labels.get("articles")},
        )
    )
    return style(fig, height=max(420, 26 * len(ids) + 120))


def co_mention_network_figure(frame: pd.DataFrame, *, axis_labels: Mapping[str, str]) -> go.Figure:
    """Entities on a circle, a line for each pair; line width and node size by articles."""
    names = pd.concat(
        [frame.set_index("entity_a")["name_a"], frame.set_index("entity_b")["name_b"]]
    )
    names = names[~names.index.duplicated()]
    ids = list(names.index)
    angle = {e: 2 * math.pi * i / max(1, len(ids)) for i, e in enumerate(ids)}
    pos = {e: (math.cos(a), math.sin(a)) for e, a in angle.items()}
    top = max(frame["articles"].max(), 1) if len(frame) else 1
    fig = go.Figure()
    for row in frame.itertuples():
        (x0, y0), (x1, y1) = pos[row.entity_a], pos[row.entity_b]
        fig.add_trace(
            go.Scatter(
                x=[x0, x1],
                y=[y0, y1],
                mode="lines",
                hoverinfo="skip",
                showlegend=False,
                line={"width": 1 + 6 * row.articles / top, "color": "rgba(60,90,160,0.4)"},
            )
        )
    degree = {e: 0 for e in ids}
    for row in frame.itertuples():
        degree[row.entity_a] += row.articles
        degree[row.entity_b] += row.articles
    fig.add_trace(
        go.Scatter(
            x=[pos[e][0] for e in ids],
            y=[pos[e][1] for e in ids],
            mode="markers+text",
            text=[escape_text(names[e]) for e in ids],
            textposition="top center",
            marker={
                "size": [10 + 20 * degree[e] / max(degree.values()) for e in ids],
                "color": "#3c5aa0",
            },
            hovertext=[f"{escape_text(names[e])}: {degree[e]}" for e in ids],
            hoverinfo="text",
            showlegend=False,
        )
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x")
    return style(fig, height=560)


def event_tally_figure(
    frame: pd.DataFrame, *, type_labels: Mapping[str, str], axis_labels: Mapping[str, str]
) -> go.Figure:
    """Events per type (bars, clickable: each bar carries its type id), stacked by period."""
    fig = go.Figure()
    for period, rows in frame.groupby("period", sort=True):
        fig.add_trace(
            go.Bar(
                x=[type_labels.get(t, t) for t in rows["type"]],
                y=rows["events"],
                name=str(period),
                customdata=rows[["type"]],
            )
        )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title=axis_labels.get("type"))
    fig.update_yaxes(title=axis_labels.get("events"))
    return style(fig)


def claimant_colours(frame: pd.DataFrame) -> dict[str, str]:
    """A colour per `claimant_name`, most quantity first, so that two charts of the same
    claimants agree."""
    from plotly.colors import qualitative

    palette = qualitative.Plotly + qualitative.D3
    totals = frame.groupby("claimant_name", sort=False)["quantity"].sum()
    ranked = totals.sort_values(ascending=False, kind="stable").index
    return {str(name): palette[i % len(palette)] for i, name in enumerate(ranked)}


def _by_claimant(
    frame: pd.DataFrame, colours: Mapping[str, str]
) -> list[tuple[str, str, pd.DataFrame]]:
    """(escaped claimant name, colour, its rows) for each claimant of `colours` in `frame`."""
    parts = [(c, colour, frame[frame["claimant_name"] == c]) for c, colour in colours.items()]
    return [(escape_text(c), colour, rows) for c, colour, rows in parts if not rows.empty]


def quantity_figure(
    frame: pd.DataFrame,
    *,
    measure_labels: Mapping[str, str],
    axis_labels: Mapping[str, str],
    colours: Mapping[str, str] | None = None,
) -> go.Figure:
    """Summed quantities per measure, one colour per claimant (grouped bars); the measures in
    the order of `measure_labels`, the claimants in that of `colours`."""
    fig = go.Figure()
    for claimant, colour, rows in _by_claimant(frame, colours or claimant_colours(frame)):
        x = [measure_labels.get(m, m) for m in rows["measure"]]
        fig.add_trace(go.Bar(x=x, y=rows["quantity"], name=claimant, marker_color=colour))
    fig.update_layout(barmode="group")
    fig.update_xaxes(
        title=axis_labels.get("measure"),
        categoryorder="array",
        categoryarray=[label for m, label in measure_labels.items() if m in set(frame["measure"])],
    )
    fig.update_yaxes(title=axis_labels.get("quantity"))
    count_axis(fig, frame["quantity"].max() if len(frame) else 0)
    return style(fig)


def quantity_period_figure(
    frame: pd.DataFrame,
    *,
    measure_labels: Mapping[str, str],
    axis_labels: Mapping[str, str],
    interval: str = "month",
    columns: int = 3,
    colours: Mapping[str, str] | None = None,
) -> go.Figure:
    """One small chart per measure (in the order of `measure_labels`): the quantity of each
    period as bars stacked by claimant, one colour per claimant (`colours`) across the charts,
    the legend on the right."""
    from plotly.subplots import make_subplots

    colours = colours or claimant_colours(frame)
    measures = [m for m in measure_labels if m in set(frame["measure"])]
    measures += sorted(set(frame["measure"]) - set(measures))
    columns = max(1, min(columns, len(measures)))
    rows = max(1, math.ceil(len(measures) / columns))
    fig = make_subplots(
        rows=rows,
        cols=columns,
        subplot_titles=[measure_labels.get(m, m) for m in measures],
        vertical_spacing=0.5 / rows if rows > 1 else 0.1,
        horizontal_spacing=0.06,
    )
    shown: set[str] = set()
    for i, measure in enumerate(measures):
        part = frame[frame["measure"] == measure]
        for claimant, colour, lines in _by_claimant(part, colours):
            bar = go.Bar(
                x=lines["period"],
                y=lines["quantity"],
                name=claimant,
                legendgroup=claimant,
                showlegend=claimant not in shown,
                marker_color=colour,
            )
            fig.add_trace(bar, row=i // columns + 1, col=i % columns + 1)
            shown.add(claimant)
    fig.update_yaxes(rangemode="tozero", tickformat=",d")
    date_axis(fig, frame["period"].tolist(), interval=interval)
    fig.update_xaxes(title=None)
    fig.update_yaxes(title=axis_labels.get("quantity"), col=1)
    style(fig, height=max(320, 260 * rows + 60))
    fig.update_layout(
        barmode="stack", legend={"orientation": "v", "x": 1.02, "y": 1, "yanchor": "top"}
    )
    return fig
