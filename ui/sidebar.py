"""The sidebar filter shared by every page, mirrored in the URL query string.

On a session's first run the widgets start from the URL (so a copied URL reopens the same
view); afterwards the widgets are the truth and the URL is rewritten from them on every run.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection

import streamlit as st

from analysis.model import FILTER_PARAMS, Filter
from ui import data, labels

# Beside the filter, the URL may name an article for the Articles page to open, with the
# evidence sentence to highlight in it (`ui.widgets.article_link`); the sidebar keeps them.
ARTICLE_PARAM, HIGHLIGHT_PARAM = "article", "hl"
MAX_HIGHLIGHT = 500
_PAGE_PARAMS = (ARTICLE_PARAM, HIGHLIGHT_PARAM)

_KEYS = {
    "lang": "nl_lang",
    "dates": "nl_dates",
    "topics": "nl_topics",
    "sources": "nl_sources",
    "entity": "nl_entity",
    "q": "nl_q",
    "teasers": "nl_teasers",
}


def language() -> str:
    return st.session_state.get(_KEYS["lang"], "zh-Hant")


def t(key: str) -> str:
    """A label in the language of this session."""
    return labels.text(key, language())


def current_filter() -> Filter:
    return st.session_state.get("nl_filter", Filter())


def dominant_language() -> str:
    mix = data.stats()["languages"]
    return "zh-Hans" if mix.get("zh-Hans", 0) > mix.get("zh-Hant", 0) else "zh-Hant"


def _options(lang: str) -> tuple[list[str], list[str], dict[str, str], tuple[dt.date | None, ...]]:
    """Topics, sources, entities (id -> name in `lang`, with the English name beside a Chinese
    one so either can be typed) and the date span the filter offers."""
    topics = data.topic_ids()
    sources = data.sources()
    entities = data.ranked_entities(Filter(), limit=1500, lang=lang)
    names = {
        row.entity_id: f"{row.name} · {row.name_en}"
        if row.name_en and row.name_en != row.name
        else str(row.name)
        for row in entities.itertuples()
    }
    return topics, sources, names, data.date_span()


def _start_from_url(topics: list[str], sources: list[str], names: dict[str, str]) -> None:
    """The widgets set from the URL. What the URL holds that cannot be read (see
    `Filter.from_params`) or is not on offer here is left out: the page opens without it."""
    params = {p.name: st.query_params.get_all(p.name) for p in FILTER_PARAMS}
    flt, _ = Filter.from_params(params)
    if flt.date_from and flt.date_to and flt.date_from > flt.date_to:  # the picker needs order
        flt = dataclasses.replace(flt, date_from=flt.date_to, date_to=flt.date_from)
    wanted = (st.query_params.get_all("lang") or [""])[0]
    ss = st.session_state
    ss[_KEYS["lang"]] = wanted if wanted in labels.LANGUAGES else dominant_language()
    _show_in_widgets(flt, topics=topics, sources=sources, names=names)
    ss["nl_started"] = True


def _show_in_widgets(
    flt: Filter,
    *,
    topics: Collection[str] = (),
    sources: Collection[str] = (),
    names: Collection[str] = (),
) -> None:
    """The filter widgets set to `flt`, leaving out topics, sources and entities not offered."""
    ss = st.session_state
    ss[_KEYS["dates"]] = (flt.date_from, flt.date_to)
    ss[_KEYS["topics"]] = [x for x in flt.topics if x in topics]
    ss[_KEYS["sources"]] = [x for x in flt.sources if x in sources]
    ss[_KEYS["entity"]] = flt.entity if flt.entity in names else ""
    ss[_KEYS["q"]] = flt.q or ""
    ss[_KEYS["teasers"]] = flt.include_teasers


def _date_range(span: tuple[dt.date | None, ...]) -> tuple[dt.date | None, dt.date | None]:
    lo, hi = span
    if lo is None or hi is None:
        return None, None
    chosen = st.session_state.get(_KEYS["dates"]) or (None, None)
    start = min(max(chosen[0] or lo, lo), hi)
    end = max(min(chosen[1] if len(chosen) > 1 and chosen[1] else hi, hi), start)
    st.session_state[_KEYS["dates"]] = (start, end)
    value = st.date_input(t("dates"), min_value=lo, max_value=hi, key=_KEYS["dates"])
    picked: tuple[dt.date | None, ...] = (
        tuple(value) if isinstance(value, list | tuple) else (value,)
    )
    date_from = picked[0] if picked and picked[0] != lo else None
    date_to = picked[1] if len(picked) > 1 and picked[1] != hi else None
    return date_from, date_to


def sidebar_filter() -> Filter:
    """Draw the filter in the sidebar; the Filter it selects (also kept for the pages)."""
    if "nl_started" not in st.session_state:
        _start_from_url(*_options(language())[:3])
    lang = language()  # already the radio's new value when the user just switched
    topics, sources, names, span = _options(lang)
    with st.sidebar:
        st.radio(
            t("language"),
            labels.LANGUAGES,
            key=_KEYS["lang"],
            horizontal=True,
            format_func=labels.LANGUAGE_NAMES.get,
        )
        st.header(t("filter"))
        date_from, date_to = _date_range(span)
        chosen_topics = st.multiselect(
            t("topics"),
            topics,
            key=_KEYS["topics"],
            placeholder=t("choose"),
            format_func=lambda x: labels.topic(x, lang),
        )
        chosen_sources = st.multiselect(
            t("sources"), sources, key=_KEYS["sources"], placeholder=t("choose")
        )
        entity = st.selectbox(
            t("entity"),
            ["", *names],
            key=_KEYS["entity"],
            format_func=lambda x: names.get(x, x) if x else "—",
        )
        keyword = st.text_input(t("keyword"), key=_KEYS["q"])
        teasers = st.checkbox(t("include_teasers"), key=_KEYS["teasers"])
        st.button(t("reset"), on_click=_show_in_widgets, args=(Filter(),))
    flt = Filter(
        date_from=date_from,
        date_to=date_to,
        topics=tuple(chosen_topics),
        sources=tuple(chosen_sources),
        entity=entity or None,
        q=keyword.strip() or None,
        include_teasers=bool(teasers),
    )
    kept = {name: st.query_params.get_all(name)[:1] for name in _PAGE_PARAMS}
    st.query_params.from_dict(
        {**flt.to_params(), "lang": lang, **{name: v for name, v in kept.items() if v}}
    )
    st.session_state["nl_filter"] = flt
    return flt
