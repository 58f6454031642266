"""The query layer: zero-filled timelines, filters that narrow, counts that add up."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.model import AnalyzedArticle, Article, EntityMention, Event, Filter
from analysis.queries import core as queries
from analysis.store.batches import Batch, Store

PUTIN = EntityMention("vladimir-putin", "普京", "Vladimir Putin", "person", 2, ("普京",))
DPRK = EntityMention("north-korea", "朝鮮", "North Korea", "country", 1, ("北韓",))


def make(i: int, day: str, topics: tuple[str, ...], source: str) -> AnalyzedArticle:
    return AnalyzedArticle(
        Article(
            title=f"第{i}篇 普京訪問",
            body=f"內容{i}：普京與金正恩會談。",
            published_at=f"{day}T10:00:00+08:00",
            source=source,
            lang="zh-Hant",
        ),
        entities=(PUTIN, DPRK) if "russia-dprk" in topics else (PUTIN,),
        events=(Event("summit", sentence="普京與金正恩會談。"),) if i % 2 else (),
        topics=topics,
        terms={"会谈": 2, "普京": 1},
    )


ROWS = [
    make(1, "2023-09-04", ("russia-dprk",), "央視"),
    make(2, "2023-09-13", ("russia-dprk", "ukraine-war"), "央視"),
    make(3, "2023-09-14", ("ukraine-war",), "中央社"),
    make(4, "2023-10-20", ("russia-dprk",), "中央社"),
    make(5, "2024-06-19", ("russia-dprk",), "央視"),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    store = Store(tmp_path_factory.mktemp("store"))
    store.write_batch(Batch(analyzed=ROWS))
    return store


def test_weekly_timeline_is_zero_filled_between_first_and_last_week(store):
    frame = queries.timeline(store, Filter(topics=("russia-dprk",)), interval="week")
    assert list(frame.columns) == ["period", "topic", "articles", "share"]
    assert frame["period"].iloc[0] == "2023-09-04"
    assert frame["period"].iloc[-1] == "2024-06-17"
    weeks = (dt.date(2024, 6, 17) - dt.date(2023, 9, 4)).days // 7 + 1
    assert len(frame) == weeks
    assert frame["articles"].sum() == 4
    assert (frame["articles"] == 0).sum() == weeks - 4


def test_share_is_the_part_of_all_coverage_in_that_period(store):
    frame = queries.timeline(store, Filter(topics=("ukraine-war",)), interval="month")
    september = frame[frame["period"] == "2023-09-01"].iloc[0]
    assert september["articles"] == 2
    assert september["share"] == pytest.approx(2 / 3)


def test_entities_count_articles_and_mentions(store):
    frame = queries.top_entities(store, Filter())
    top = frame.iloc[0]
    assert (top["entity_id"], top["articles"], top["mentions"]) == ("vladimir-putin", 5, 10)


def test_keyword_matches_either_script(store):
    assert queries.article_count(store, Filter(q="普京访问")) == 5
    assert queries.article_count(store, Filter(q="內容3")) == 1


def test_events_carry_their_article(store):
    frame = queries.events(store, Filter(sources=("央視",)))
    assert set(frame["type"]) == {"summit"}
    assert set(frame["source"]) == {"央視"}


FILTERS = st.builds(
    Filter,
    date_from=st.sampled_from([None, dt.date(2023, 9, 10), dt.date(2023, 10, 1)]),
    date_to=st.sampled_from([None, dt.date(2023, 9, 30), dt.date(2024, 1, 1)]),
    topics=st.sampled_from([(), ("russia-dprk",), ("ukraine-war",)]),
    sources=st.sampled_from([(), ("央視",), ("中央社",)]),
    entity=st.sampled_from([None, "north-korea"]),
    q=st.sampled_from([None, "會談", "第2篇"]),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(flt=FILTERS, extra=st.sampled_from(["source", "topic", "q"]))
def test_narrowing_a_filter_never_raises_a_count(store, flt, extra):
    narrower = {
        "source": Filter(**{**_fields(flt), "sources": ("中央社",)}),
        "topic": Filter(**{**_fields(flt), "topics": ("ukraine-war",)}),
        "q": Filter(**{**_fields(flt), "q": "第3篇"}),
    }[extra]
    if getattr(flt, {"source": "sources", "topic": "topics", "q": "q"}[extra]):
        return  # only narrow an unset dimension
    assert queries.article_count(store, narrower) <= queries.article_count(store, flt)
    timeline = queries.timeline(store, flt, interval="day", topics=[])
    assert timeline["articles"].sum() == queries.article_count(store, flt)


def _fields(flt: Filter) -> dict:
    return {name: getattr(flt, name) for name in Filter.__slots__}


def test_counts_are_whole_numbers(store):
    entities = queries.top_entities(store, Filter())
    terms = queries.terms(store, Filter())
    assert entities["mentions"].dtype.kind == "i"
    assert terms["count"].dtype.kind == "i"
