"""Word cloud: which words dominate the selection, by frequency or by distinctiveness;
two topics or two periods side by side; stop words editable for this session."""

import dataclasses

import pandas as pd
import streamlit as st

import ui
from analysis.language.text import to_simplified
from analysis.model import Filter

flt = ui.page_header("wordcloud")
lang = ui.language()

weighting_col, compare_col = st.columns(2)
weighting = weighting_col.radio(
    ui.t("weighting"),
    ("frequency", "distinctive"),
    format_func=ui.t,
    horizontal=True,
    key="wc_weighting",
)
compare = compare_col.radio(
    ui.t("compare"),
    ("compare_none", "compare_topics", "compare_periods"),
    format_func=ui.t,
    horizontal=True,
    key="wc_compare",
)
with st.expander(ui.t("stopwords")):
    typed = st.text_area(ui.t("stopwords"), key="wc_stopwords", label_visibility="collapsed")
stopwords = {to_simplified(w.strip()) for w in typed.splitlines() if w.strip()}


def top_terms(selection: Filter) -> pd.DataFrame:
    """The top terms of a selection without the session's stop words, in the chosen script."""
    read_terms = ui.data.terms if weighting == "frequency" else ui.data.distinctive_terms
    terms = read_terms(selection, limit=300)
    terms = terms[~terms["term"].isin(stopwords)].head(150).reset_index(drop=True)
    return terms.assign(term=terms["term"].map(lambda x: ui.labels.in_script(x, lang)))


def cloud(selection: Filter, kind: str, key: str) -> None:
    terms = top_terms(selection)
    column = "count" if weighting == "frequency" else "weight"
    image = ui.data.wordcloud_png(tuple(zip(terms["term"], terms[column], strict=True)))
    if image is None:
        ui.empty_notice()
        return
    st.image(image, width="stretch")
    st.download_button(
        ui.t("cloud_png"),
        image,
        file_name=ui.file_name(kind, selection, "png"),
        mime="image/png",
        key=f"png-{key}",
        on_click="ignore",
        icon=":material/image:",
    )
    st.caption(ui.t("top_terms"))
    ui.table(terms, f"{kind}-terms", selection, key=f"terms-{key}", height=300)


kind = f"wordcloud-{weighting}"
if compare == "compare_none":
    cloud(flt, kind, "one")
else:
    left, right = st.columns(2)
    if compare == "compare_topics":
        known = ui.data.topic_ids()
        for column, side, default in ((left, "a", 0), (right, "b", 1)):
            with column:
                topic = st.selectbox(
                    ui.t("topic"),
                    known,
                    index=min(default, len(known) - 1),
                    format_func=lambda x: ui.labels.topic(x, lang),
                    key=f"wc_topic_{side}",
                )
                if topic:
                    cloud(dataclasses.replace(flt, topics=(topic,)), kind, side)
    else:
        first, last = ui.data.date_span()
        middle = first + (last - first) / 2 if first and last else None
        sides = ((left, "a", first, middle), (right, "b", middle, last))
        for column, side, start, end in sides:
            with column:
                span = st.date_input(
                    ui.t("dates"),
                    (start, end),
                    min_value=first,
                    max_value=last,
                    key=f"wc_period_{side}",
                )
                if isinstance(span, tuple) and len(span) == 2:
                    cloud(dataclasses.replace(flt, date_from=span[0], date_to=span[1]), kind, side)
