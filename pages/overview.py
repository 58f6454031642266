"""Overview: the size of the selection, how it moves, what is newest, how healthy the corpus is."""

import streamlit as st

import ui
from analysis.render import charts

flt = ui.page_header("overview")
lang = ui.language()
summary = ui.data.summary(flt)
topics = ui.data.topic_counts(flt)

articles, sources, events = st.columns(3)
articles.metric(ui.t("selected"), f"{summary['articles']:,}")
sources.metric(ui.t("sources_n"), summary["sources"])
events.metric(ui.t("events_n"), f"{summary['events']:,}")
top_topics = "、".join(ui.labels.topic(x, lang) for x in topics["topic"].head(3)) or "—"
ui.plain_caption(
    f"{ui.t('span')}：{summary['first'] or '—'} – {summary['last'] or '—'}　·　"
    f"{ui.t('top_topics')}：{top_topics}"
)

timeline = ui.data.timeline(flt, interval="month", topics=())
if timeline.empty:
    ui.empty_notice()
else:
    figure = charts.timeline_figure(
        timeline,
        series_labels={"all": ui.t("all_articles")},
        axis_labels={"period": ui.t("period"), "articles": ui.t("articles_n")},
        interval="month",
    )
    figure.update_layout(height=260, showlegend=False)
    ui.chart(figure, timeline, "overview-timeline", flt, key="overview-timeline")

st.subheader(ui.t("latest"))
latest = ui.data.articles(flt, limit=10)
ui.table(latest[["published_at", "title", "source", "lang"]], "latest", flt, key="latest")

st.subheader(ui.t("health"))
ui.table(ui.stats_frame(ui.data.stats()), "corpus-health", flt, key="health")
