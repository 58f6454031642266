"""Articles: search and browse the selection page by page; read one with what was found in it.

A link from the Events page names the article (`?article=<id>`) and the evidence sentence
(`&hl=…`): the page then opens that article first, with the sentence highlighted.
"""

import math

import streamlit as st

import ui

flt = ui.page_header("articles")
lang = ui.language()
PAGE_SIZE = 50

linked_id = (st.query_params.get_all(ui.ARTICLE_PARAM) or [""])[0]
highlight = (st.query_params.get_all(ui.HIGHLIGHT_PARAM) or [""])[0][: ui.MAX_HIGHLIGHT]
linked = ui.data.article(linked_id) if linked_id else None
if linked_id and (linked is None or linked.empty):
    st.warning(ui.t("no_article"))
top = st.container()  # a linked article is read here, before the listing

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
if rows:  # a row picked in the listing replaces the linked article, in the URL too
    for name in (ui.ARTICLE_PARAM, ui.HIGHLIGHT_PARAM):
        st.query_params.pop(name, None)
    article, highlight, place = listing.iloc[rows[0]], "", st.container()
elif linked is not None and not linked.empty:
    article, place = linked.iloc[0], top
elif listing.empty:
    ui.empty_notice()
    st.stop()
else:
    article, highlight, place = listing.iloc[0], "", st.container()

with place:
    st.divider()
    st.subheader(ui.t("read"))
    text_col, found_col = st.columns([3, 2])
with text_col:
    title, in_title = ui.highlighted_markdown(str(article["title"] or ""), highlight)
    st.markdown(title)
    st.text(
        " · ".join(
            str(x)
            for x in (article["published_at"], article["source"], article["url"])
            if isinstance(x, str) and x
        )
    )
    body, in_body = ui.highlighted_markdown(str(article["body"] or ""), highlight)
    if highlight:
        st.caption(ui.t("highlighted") if in_title + in_body else ui.t("not_in_text"))
    st.caption(ui.t("body"))
    with st.container(height=420, border=True):
        st.markdown(body)
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
