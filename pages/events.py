"""Events: how much the coverage reports happening (missiles, drones, interceptions, strikes,
killed, injured) by who says so and per period; tolls to date apart; the tally, the evidence
(each row links to its article) and the map."""

import streamlit as st

import ui
from analysis.render import charts, world_map

flt = ui.page_header("events")
lang = ui.language()
left, right = st.columns([1, 2])
with left:
    interval = ui.interval_picker(key="ev_interval")
with right:
    all_harm = st.toggle(
        ui.t("all_harm"), value=False, key="ev_all_harm", help=ui.t("all_harm_help")
    )
conflict_only = not all_harm
measures = ui.labels.measure_labels(lang)
axes = {"measure": ui.t("measure"), "quantity": ui.t("quantity"), "period": ui.t("period")}

tally = ui.data.event_tally(flt, interval=interval, conflict_only=conflict_only)
tolls = ui.data.tolls_to_date(flt, lang=lang, conflict_only=conflict_only)
if tally.empty and tolls.empty:
    ui.empty_notice()
    st.stop()

st.subheader(ui.t("sums"))
st.caption(ui.t("sums_hint"))
sums = ui.data.quantity_by_claimant(flt, lang=lang, conflict_only=conflict_only)
if sums.empty:
    ui.empty_notice()
else:
    sums = sums.fillna({"claimant_name": ui.t("unattributed")})
    colours = charts.claimant_colours(sums)
    figure = charts.quantity_figure(
        sums, measure_labels=measures, axis_labels=axes, colours=colours
    )
    ui.chart(figure, sums, "event-sums", flt, key="events-sums")

    st.subheader(ui.t("by_period"))
    by_period = ui.data.quantity_by_period(
        flt, interval=interval, lang=lang, conflict_only=conflict_only
    ).fillna({"claimant_name": ui.t("unattributed")})
    figure = charts.quantity_period_figure(
        by_period, measure_labels=measures, axis_labels=axes, interval=interval, colours=colours
    )
    ui.chart(figure, by_period, f"event-quantities-{interval}", flt, key="events-by-period")

st.subheader(ui.t("tolls"))
st.caption(ui.t("tolls_hint"))
if tolls.empty:
    st.caption(ui.t("no_tolls"))
else:
    tolls = ui.labels.with_label(tolls, "measure", lambda x: ui.labels.measure(x, lang))
    tolls = tolls.fillna({"claimant_name": ui.t("unattributed")})
    ui.table(tolls, "event-tolls", flt, key="events-tolls", links=ui.article_links(tolls, flt))

st.subheader(ui.t("tally"))
st.caption(ui.t("bar_hint"))
type_labels = {x: ui.labels.event_type(x, lang) for x in tally["type"].unique()}
figure = charts.event_tally_figure(
    tally, type_labels=type_labels, axis_labels={"type": ui.t("type"), "events": ui.t("events_n")}
)
clicked = ui.chart(
    figure, tally, f"event-tally-{interval}", flt, key="events-tally", on_select="rerun"
)
points = clicked.selection.points if clicked else []
event_type = points[0]["customdata"][0] if points and points[0].get("customdata") else None

st.subheader(ui.t("evidence"))
evidence = ui.data.event_evidence(
    flt, event_type=event_type, lang=lang, conflict_only=conflict_only
)
if event_type:
    st.caption(ui.t("showing_type").format(ui.labels.event_type(event_type, lang)))
st.caption(ui.t("evidence_hint"))
evidence = ui.labels.with_type_labels(evidence, "event", lang)
links = ui.article_links(evidence, flt)
ui.table(evidence, f"events-{event_type or 'all'}", flt, key="evidence", height=420, links=links)

st.subheader(ui.t("map"))
places = ui.data.event_places(flt, event_type=event_type, lang=lang, conflict_only=conflict_only)
if places.empty:
    st.caption(ui.t("no_places"))
else:
    figure = world_map.event_map_figure(places, axis_labels={})
    ui.chart(figure, places, "event-places", flt, key="events-map")
