"""On the CCTV 新闻联播 corpus the Russia–North Korea timeline peaks when the leaders met."""

from __future__ import annotations

import pandas as pd

from analysis.model import Filter
from analysis.queries import core as queries


def weekly(store) -> pd.Series:
    frame = queries.timeline(store, Filter(topics=("russia-dprk",)), interval="week")
    return frame.set_index("period")["articles"]


def is_local_peak(series: pd.Series, period: str, *, weeks: int = 4) -> bool:
    position = series.index.get_loc(period)
    around = series.iloc[max(0, position - weeks) : position + weeks + 1].drop(period)
    return series[period] > 0 and series[period] > around.max()


def test_kim_jong_un_in_russia_is_the_highest_week(xwlb_store):
    series = weekly(xwlb_store)
    assert series.idxmax() == "2023-09-11"  # Kim at Vostochny, 13 September 2023


def test_putin_in_pyongyang_is_a_peak(xwlb_store):
    series = weekly(xwlb_store)
    assert is_local_peak(series, "2024-06-17")  # Putin in Pyongyang, 19 June 2024


def test_the_timeline_counts_every_russia_dprk_article_once(xwlb_store):
    series = weekly(xwlb_store)
    assert series.sum() == queries.article_count(xwlb_store, Filter(topics=("russia-dprk",)))
