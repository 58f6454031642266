"""The filter's outside form: query parameters (the dashboard's URL, the command line's flags)
and back, for any input a user or a copied link can produce."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from analysis.model import FILTER_PARAMS, MAX_VALUE_CHARS, MAX_VALUES, Filter, FilterProblem

_names = st.sampled_from([p.name for p in FILTER_PARAMS])
_keys = st.one_of(_names, st.text(max_size=12))
_values = st.one_of(
    st.text(max_size=30),
    st.dates().map(dt.date.isoformat),
    st.sampled_from(["", "1", "0", "true", "yes", "2023-02-30", "2023-09-01T10:00"]),
    st.text(min_size=MAX_VALUE_CHARS + 1, max_size=MAX_VALUE_CHARS + 3),
)
_params = st.dictionaries(_keys, st.lists(_values, max_size=4), max_size=9)

_text = st.text(min_size=1, max_size=40)
_filters = st.builds(
    Filter,
    date_from=st.none() | st.dates(),
    date_to=st.none() | st.dates(),
    topics=st.lists(_text, unique=True, max_size=4).map(tuple),
    sources=st.lists(_text, unique=True, max_size=4).map(tuple),
    entity=st.none() | _text,
    q=st.none() | _text.map(str.strip).filter(bool),
    include_teasers=st.booleans(),
)


@given(_params)
def test_any_query_parameters_give_a_filter_and_the_problems_never_an_exception(params) -> None:
    flt, problems = Filter.from_params(params)
    assert isinstance(flt, Filter)
    assert all(isinstance(p, FilterProblem) and p.param in params for p in problems)
    assert flt.date_from is None or isinstance(flt.date_from, dt.date)
    assert len(flt.topics) == len(set(flt.topics)) <= MAX_VALUES
    assert all(0 < len(x) <= MAX_VALUE_CHARS for x in (*flt.topics, *flt.sources))
    assert flt.q is None or flt.q == flt.q.strip() != ""
    assert isinstance(flt.include_teasers, bool)


@given(_filters)
def test_a_filter_survives_the_round_trip_through_its_query_parameters(flt: Filter) -> None:
    assert Filter.from_params(flt.to_params()) == (flt, [])


@given(_filters)
def test_only_the_active_parts_of_a_filter_reach_the_url(flt: Filter) -> None:
    params = flt.to_params()
    assert all(values and all(isinstance(v, str) for v in values) for values in params.values())
    assert ("teasers" in params) == flt.include_teasers


def test_the_url_names_every_part_of_the_filter() -> None:
    flt = Filter(
        date_from=dt.date(2023, 9, 1),
        date_to=dt.date(2023, 9, 30),
        topics=("russia-dprk", "ukraine-war"),
        sources=("中央社",),
        entity="vladimir-putin",
        q="導彈",
        include_teasers=True,
    )
    assert flt.to_params() == {
        "from": ["2023-09-01"],
        "to": ["2023-09-30"],
        "topic": ["russia-dprk", "ukraine-war"],
        "source": ["中央社"],
        "entity": ["vladimir-putin"],
        "q": ["導彈"],
        "teasers": ["1"],
    }
    assert Filter().to_params() == {}


def test_bad_parameters_are_left_out_and_each_is_named() -> None:
    flt, problems = Filter.from_params(
        {
            "from": ["2023-13-45"],
            "to": ["2023-09-30", "2023-10-31"],
            "topic": ["ukraine-war", "", "ukraine-war", "x" * (MAX_VALUE_CHARS + 1)],
            "teasers": ["maybe"],
            "colour": ["red"],
            "q": ["  導彈 "],
        }
    )
    assert flt == Filter(date_to=dt.date(2023, 9, 30), topics=("ukraine-war",), q="導彈")
    assert [p.param for p in problems] == ["from", "to", "topic", "teasers", "colour"]
    assert str(problems[0]) == "from takes a date YYYY-MM-DD, got '2023-13-45'"
    assert str(problems[1]) == "to takes one value, got 2"


def test_too_many_values_keep_the_first_ones() -> None:
    flt, problems = Filter.from_params({"source": [str(i) for i in range(MAX_VALUES + 5)]})
    assert flt.sources == tuple(str(i) for i in range(MAX_VALUES))
    assert [str(p) for p in problems] == [f"source takes at most {MAX_VALUES} values, got 205"]


def test_a_lone_string_counts_as_one_value_not_as_its_characters() -> None:
    assert Filter.from_params({"q": "導彈", "topic": "ukraine-war"}) == (
        Filter(q="導彈", topics=("ukraine-war",)),
        [],
    )
