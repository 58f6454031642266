"""The event map: event places drawn over country borders from a bundled outline.

The outline is analysis/resources/world_outline.json (see tools/build_world_outline.py); no map
tiles are fetched, so the map works offline and exports to PNG like any other figure.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from analysis.paths import RESOURCES
from analysis.render.charts import escape_text, style


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
    path = RESOURCES / "world_outline.json"
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
