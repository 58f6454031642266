"""Timeline: articles per period for each topic; peaks with their headline; pick a period."""

import dataclasses
import datetime as dt

import streamlit as st

import ui
from analysis.queries import period_bounds
from analysis.render import charts

flt = ui.page_header("timeline")
lang = ui.language()

interval_col, topics_col, options_col = st.columns([1, 3, 2])
interval = interval_col.radio(
    ui.t("interval"),
    ("day", "week", "month"),
    index=1,
    key="tl_interval",
    format_func=ui.t,
    horizontal=True,
)
known = ui.data.topic_ids()
series = topics_col.multiselect(
    ui.t("series_topics"),
    known,
    default=[x for x in flt.topics if x in known] or known[:4],
    format_func=lambda x: ui.labels.topic(x, lang),
    key="tl_series",
)
stacked = options_col.toggle(ui.t("stacked"), key="tl_stacked")
as_share = options_col.toggle(ui.t("as_share"), key="tl_share")
overlay = options_col.toggle(ui.t("overlay_events"), key="tl_events")

frame = ui.data.timeline(flt, interval=interval, topics=series)
if frame.empty:
    ui.empty_notice()
    st.stop()
peaks = ui.data.timeline_peaks(flt, interval=interval, topics=series)
events = ui.data.event_counts_over_time(flt, interval=interval) if overlay else None
value = "share" if as_share else "articles"
labels = {x: ui.labels.topic(x, lang) for x in frame["topic"].unique()}
labels["all"] = ui.t("all_articles")
figure = charts.timeline_figure(
    frame,
    series_labels=labels,
    value=value,
    stacked=stacked,
    peaks=peaks,
    events=events,
    axis_labels={
        "period": ui.t("period"),
        "articles": ui.t("articles_n"),
        "share": ui.t("share"),
        "events": ui.t("events_n"),
    },
    interval=interval,
)
st.caption(ui.t("pick_hint"))
drawn = frame if events is None else frame.merge(events, on="period", how="left")
picked = ui.chart(
    figure,
    drawn,
    f"timeline-{interval}",
    flt,
    key="timeline-chart",
    on_select="rerun",
    selection_mode=("points", "box"),
)

st.subheader(ui.t("peaks"))
ui.table(
    ui.labels.with_label(peaks, "topic", lambda x: labels.get(x, x)),
    f"peaks-{interval}",
    flt,
    key="peaks",
)

points = sorted(str(p["x"])[:10] for p in (picked.selection.points if picked else []))
box = picked.selection.box if picked else []
span = None
if box and box[0].get("x"):
    xs = sorted(str(x)[:10] for x in box[0]["x"])
    span = (dt.date.fromisoformat(xs[0]), dt.date.fromisoformat(xs[-1]))
elif points:
    span = (period_bounds(points[0], interval)[0], period_bounds(points[-1], interval)[1])
if span:
    st.subheader(ui.t("picked").format(*span))
    narrowed = dataclasses.replace(flt, date_from=span[0], date_to=span[1])
    chosen = ui.data.articles(narrowed, limit=200)
    ui.table(chosen[["published_at", "title", "source"]], "picked-articles", narrowed, key="picked")
