"""Entities: who and where the coverage is about, how that moves, who appears together,
and how each source spells one name."""

import streamlit as st

import ui
from analysis.render import charts

flt = ui.page_header("entities")
lang = ui.language()
types = ("person", "country", "place", "organization")
entity_type = st.radio(ui.t("entity_type"), types, format_func=ui.t, horizontal=True, key="en_type")

top = ui.data.ranked_entities(flt, entity_type=entity_type, limit=25, lang=lang)
names = dict(zip(top["entity_id"], top["name"], strict=True))
st.subheader(ui.t("top_entities"))
if top.empty:
    ui.empty_notice()
else:
    figure = charts.bar_figure(
        top,
        x="entity_id",
        y="articles",
        labels=[names[x] for x in top["entity_id"]],
        axis_labels={"articles": ui.t("articles_n"), "entity_id": ui.t(entity_type)},
    )
    ui.chart(figure, top, f"entities-{entity_type}", flt, key="entities-top")

st.subheader(ui.t("trend_pick"))
interval = ui.interval_picker(key="en_interval")
picked = st.multiselect(
    ui.t("trend_pick"),
    list(names),
    default=list(names)[:3],
    format_func=lambda x: names.get(x, x),
    key="en_trend",
    label_visibility="collapsed",
)
if picked:
    trend = ui.data.entity_trend(flt, entity_ids=picked, interval=interval, lang=lang)
    figure = charts.trend_figure(
        trend,
        series="name",
        axis_labels={"period": ui.t("period"), "articles": ui.t("articles_n")},
        interval=interval,
    )
    ui.chart(figure, trend, f"entity-trends-{interval}", flt, key="entities-trend")

st.subheader(ui.t("co_mentions"))
pairs = ui.data.co_mentions(flt, top=15, lang=lang)
if pairs.empty:
    ui.empty_notice()
else:
    as_network = st.toggle(ui.t("network"), key="en_network")
    draw = charts.co_mention_network_figure if as_network else charts.co_mention_heatmap_figure
    figure = draw(pairs, axis_labels={"articles": ui.t("articles_n")})
    ui.chart(figure, pairs, "co-mentions", flt, key="entities-pairs")
    ui.table(pairs, "co-mentions", flt, key="pairs-table")

st.subheader(ui.t("one_entity"))
choices = list(dict.fromkeys([*([flt.entity] if flt.entity else []), *names]))
one = st.selectbox(
    ui.t("entity"),
    choices,
    format_func=lambda x: names.get(x) or ui.labels.entity_name(x, lang),
    key="en_one",
)
if one:
    spell_col, sentence_col = st.columns([1, 2])
    with spell_col:
        st.caption(ui.t("spellings"))
        spellings = ui.data.entity_spellings(flt, entity_id=one)
        ui.table(spellings, f"spellings-{one}", flt, key="spellings")
    with sentence_col:
        st.caption(ui.t("sentences"))
        sentences = ui.data.entity_sentences(flt, entity_id=one)
        ui.table(sentences, f"sentences-{one}", flt, key="sentences")
