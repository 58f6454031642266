"""Events: what the coverage reports happening, how much of it, who says so, and the evidence."""

import streamlit as st

import ui
from analysis.render import charts, world_map

flt = ui.page_header("events")
lang = ui.language()
interval = ui.interval_picker(key="ev_interval")

tally = ui.data.event_tally(flt, interval=interval)
if tally.empty:
    ui.empty_notice()
    st.stop()

st.subheader(ui.t("tally"))
st.caption(ui.t("bar_hint"))
type_labels = {x: ui.labels.event_type(x, lang) for x in tally["type"].unique()}
figure = charts.event_tally_figure(
    tally,
    type_labels=type_labels,
    axis_labels={"type": ui.t("type"), "events": ui.t("events_n")},
)
clicked = ui.chart(
    figure, tally, f"event-tally-{interval}", flt, key="events-tally", on_select="rerun"
)
points = clicked.selection.points if clicked else []
event_type = points[0]["customdata"][0] if points and points[0].get("customdata") else None

st.subheader(ui.t("sums"))
sums = ui.data.quantity_by_claimant(flt, lang=lang)
if sums.empty:
    ui.empty_notice()
else:
    sums = sums.fillna({"claimant_name": ui.t("unattributed")})
    figure = charts.quantity_figure(
        sums,
        measure_labels={x: ui.labels.measure(x, lang) for x in sums["measure"]},
        axis_labels={"measure": ui.t("measure"), "quantity": ui.t("quantity")},
    )
    ui.chart(figure, sums, "event-sums", flt, key="events-sums")

st.subheader(ui.t("evidence"))
evidence = ui.data.event_evidence(flt, event_type=event_type, lang=lang)
if event_type:
    st.caption(ui.t("showing_type").format(ui.labels.event_type(event_type, lang)))
evidence = ui.labels.with_type_labels(evidence, "event", lang)
ui.table(evidence, f"events-{event_type or 'all'}", flt, key="evidence", height=420)

st.subheader(ui.t("map"))
places = ui.data.event_places(flt, event_type=event_type, lang=lang)
if places.empty:
    st.caption(ui.t("no_places"))
else:
    figure = world_map.event_map_figure(places, axis_labels={})
    ui.chart(figure, places, "event-places", flt, key="events-map")
