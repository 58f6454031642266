"""Articles: search and browse the selection page by page; read one with what was found in it."""

import math

import streamlit as st

import ui

flt = ui.page_header("articles")
lang = ui.language()
PAGE_SIZE = 50

total = ui.data.article_count(flt)
pages = max(1, math.ceil(total / PAGE_SIZE))
page = st.number_input(
    f"{ui.t('page')} (1–{pages})", min_value=1, max_value=pages, value=1, key="ar_page"
)
listing = ui.data.articles(flt, limit=PAGE_SIZE, offset=(int(page) - 1) * PAGE_SIZE)
topics = ui.data.article_topics(list(listing["id"]))
listing = listing.merge(topics, how="left", left_on="id", right_on="article_id")
listing["topics"] = [ui.labels.topic_list(x, lang) for x in listing["topics"]]
shown = listing[["published_at", "title", "source", "topics", "lang", "id"]]
picked = ui.table(shown, f"articles-page{page}", flt, key="ar_table", on_select="rerun", height=420)

rows = picked.selection.rows if picked else []
if not rows and listing.empty:
    ui.empty_notice()
    st.stop()
article = listing.iloc[rows[0] if rows else 0]

st.divider()
st.subheader(ui.t("read"))
text_col, found_col = st.columns([3, 2])
with text_col:
    st.text(article["title"])
    st.text(
        " · ".join(
            str(x)
            for x in (article["published_at"], article["source"], article["url"])
            if isinstance(x, str) and x
        )
    )
    st.caption(ui.t("body"))
    with st.container(height=420, border=True):
        st.text(article["body"] or "")
    st.caption(ui.t("origin"))
    st.text(article["origin"] or "—")
with found_col:
    st.caption(ui.t("in_article"))
    entities = ui.data.article_entities(article["id"], lang=lang)
    entities = ui.labels.with_type_labels(entities, "entity", lang)
    ui.table(entities, f"entities-article-{article['id']}", flt, key="ar_entities")
    st.caption(ui.t("events_in"))
    events = ui.data.article_events(article["id"], lang=lang)
    events = ui.labels.with_type_labels(events, "event", lang)
    ui.table(events, f"events-article-{article['id']}", flt, key="ar_events")
