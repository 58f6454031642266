"""Plotly figures, the word-cloud image and PNG export, with a Chinese font everywhere.

Figures take the frame a query returned plus display labels, and draw exactly that frame, so a
chart's CSV download is the frame it was drawn from. Text from the corpus (entity names, titles)
is HTML-escaped before it reaches plotly, whose labels understand a few tags.

Fonts: the word cloud uses the "Noto Sans CJK TC" face extracted once from the pip package
`noto-cjk-sans-otc`; Chromium (through kaleido, for PNG export) finds the same collection through
a generated fonts.conf that adds the package folder to the system configuration.
"""

from __future__ import annotations

import functools
import html
import io
import json
import math
import os
import shutil
import threading
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

_REPO = Path(__file__).resolve().parent.parent
CACHE_DIR = Path(os.environ.get("NEWSLENS_CACHE") or _REPO / ".cache")
FONT_FAMILY = "Noto Sans CJK TC, Noto Sans CJK SC, Noto Sans CJK JP, sans-serif"
TC_FACE = 3  # face index of "Noto Sans CJK TC" in NotoSansCJK-Regular.ttc
CHROMIUM = "/usr/bin/chromium"
_png_lock = threading.Lock()
_font_lock = threading.Lock()
_server_started = False


# --- fonts -------------------------------------------------------------------------------------


def font_collection() -> Path:
    import noto_cjk_sans_otc

    return Path(noto_cjk_sans_otc.FONT_PATH)


def wordcloud_font_path() -> Path:
    """The TC face as a single font file (wordcloud cannot pick a face inside a collection)."""
    target = CACHE_DIR / "fonts" / "NotoSansCJKtc-Regular.otf"
    with _font_lock:
        if not target.is_file():
            from fontTools.ttLib import TTCollection

            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_suffix(f".{os.getpid()}.part")
            TTCollection(str(font_collection())).fonts[TC_FACE].save(str(partial))
            os.replace(partial, target)
    return target


def fontconfig_file() -> Path:
    """A fonts.conf: the system configuration plus the pip font folder."""
    target = CACHE_DIR / "fontconfig" / "fonts.conf"
    text = (
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <dir>{html.escape(str(font_collection().parent))}</dir>\n"
        f"  <cachedir>{html.escape(str(target.parent / 'cache'))}</cachedir>\n"
        "</fontconfig>\n"
    )
    if not target.is_file() or target.read_text("utf-8") != text:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.part")
        partial.write_text(text, "utf-8")
        os.replace(partial, target)
    return target


def configure_fontconfig() -> None:
    """Point fontconfig (and so Chromium) at our fonts.conf, unless the user set one."""
    os.environ.setdefault("FONTCONFIG_FILE", str(fontconfig_file()))


# --- PNG export --------------------------------------------------------------------------------


def browser_path() -> str | None:
    """The Chromium kaleido should drive: $BROWSER_PATH, Debian's, or one on PATH."""
    for candidate in (os.environ.get("BROWSER_PATH"), CHROMIUM, shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def png_export_available() -> bool:
    return browser_path() is not None


def figure_png(fig: go.Figure, *, width: int = 1100, height: int = 550) -> bytes | None:
    """The figure as PNG, rendered by kaleido in Chromium; None when no browser is present."""
    global _server_started
    path = browser_path()
    if path is None:
        return None
    import kaleido

    with _png_lock:
        if not _server_started:
            configure_fontconfig()
            os.environ.setdefault("BROWSER_PATH", path)
            kaleido.start_sync_server(silence_warnings=True)
            _server_started = True
        with warnings.catch_warnings():  # "kopts is ignored if using a server": harmless
            warnings.simplefilter("ignore", UserWarning)
            return fig.to_image(format="png", width=width, height=height)


# --- word cloud --------------------------------------------------------------------------------


def wordcloud_png(
    frequencies: Mapping[str, float], *, width: int = 900, height: int = 450, max_words: int = 120
) -> bytes | None:
    """A word cloud of `frequencies` as PNG bytes; None when there is nothing to draw."""
    from wordcloud import WordCloud

    words = {w: float(v) for w, v in frequencies.items() if v and v > 0 and w.strip()}
    if not words:
        return None
    cloud = WordCloud(
        font_path=str(wordcloud_font_path()),
        width=width,
        height=height,
        background_color="white",
        max_words=max_words,
        random_state=7,
        collocations=False,
        prefer_horizontal=0.95,
        colormap="viridis",
    ).generate_from_frequencies(words)
    buffer = io.BytesIO()
    cloud.to_image().save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


# --- figures -----------------------------------------------------------------------------------


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
        for peak in peaks.itertuples():
            y = lookup.get((peak.period, peak.topic), peak.articles)
            headline = escape_text(peak.title or "")
            headline = headline[:22] + "…" if len(headline) > 23 else headline
            fig.add_annotation(
                x=peak.period,
                y=y,
                text=headline,
                showarrow=True,
                arrowhead=2,
                ay=-36,
                font={"size": 11},
                bgcolor="rgba(255,255,255,0.8)",
            )
    fig.update_xaxes(title=axis_labels.get("period"))
    fig.update_yaxes(title=axis_labels.get(value), tickformat=".0%" if value == "share" else None)
    if value != "share":
        count_axis(fig, frame[value].max() if len(frame) else 0)
    date_axis(fig, frame["period"].tolist(), interval=interval)
    return style(fig)


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


def quantity_figure(
    frame: pd.DataFrame, *, measure_labels: Mapping[str, str], axis_labels: Mapping[str, str]
) -> go.Figure:
    """Summed quantities per measure, one colour per claimant (grouped bars)."""
    fig = go.Figure()
    for claimant, rows in frame.groupby("claimant_name", sort=False):
        fig.add_trace(
            go.Bar(
                x=[measure_labels.get(m, m) for m in rows["measure"]],
                y=rows["quantity"],
                name=escape_text(claimant),
            )
        )
    fig.update_layout(barmode="group")
    fig.update_xaxes(title=axis_labels.get("measure"))
    fig.update_yaxes(title=axis_labels.get("quantity"))
    return style(fig)


def event_map_figure(frame: pd.DataFrame, *, axis_labels: Mapping[str, str]) -> go.Figure:
    """Event places (`lat`, `lon`, `place`, `events`) as circles sized by the event count,
    over country borders drawn from a bundled outline (no map tiles, so it works offline and
    exports to PNG)."""
    top = max(frame["events"].max(), 1) if len(frame) else 1
    fig = go.Figure(
        go.Scatter(
            x=world_outline_xy()[0],
            y=world_outline_xy()[1],
            mode="lines",
            line={"color": "#b8b8b8", "width": 0.8},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    fig.add_trace(
        go.Scatter(
            x=frame["lon"],
            y=frame["lat"],
            mode="markers+text",
            text=[escape_text(p) for p in frame["place"]],
            textposition="top center",
            marker={
                "size": [8 + 30 * n / top for n in frame["events"]],
                "color": "#c0392b",
                "opacity": 0.7,
            },
            hovertext=[
                f"{escape_text(p)}: {n}"
                for p, n in zip(frame["place"], frame["events"], strict=True)
            ],
            hoverinfo="text",
            showlegend=False,
        )
    )
    lon_range, lat_range = _map_bounds(frame)
    fig.update_xaxes(range=lon_range, visible=False)
    fig.update_yaxes(range=lat_range, visible=False, scaleanchor="x", scaleratio=1)
    return style(fig, height=480)


def _map_bounds(frame: pd.DataFrame) -> tuple[list[float], list[float]]:
    """The places with a margin around them; the whole world when there are none."""
    if not len(frame):
        return [-180.0, 180.0], [-60.0, 85.0]
    margin = 8.0
    lon = [float(frame["lon"].min()) - margin, float(frame["lon"].max()) + margin]
    lat = [float(frame["lat"].min()) - margin, float(frame["lat"].max()) + margin]
    return lon, lat


@functools.cache
def world_outline_xy() -> tuple[list[float | None], list[float | None]]:
    """Country borders and coastlines as one x/y series, lines separated by None."""
    path = Path(__file__).resolve().parent / "resources" / "world_outline.json"
    xs: list[float | None] = []
    ys: list[float | None] = []
    for line in json.loads(path.read_text(encoding="utf-8"))["lines"]:
        previous = None
        for lon, lat in line:
            if previous is not None and abs(lon - previous) > 180:  # crosses the antimeridian
                xs.append(None)
                ys.append(None)
            xs.append(lon)
            ys.append(lat)
            previous = lon
        xs.append(None)
        ys.append(None)
    return xs, ys
