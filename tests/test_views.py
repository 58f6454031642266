"""The dashboard's views: zero-filled event counts that line up with the timeline, event places
with coordinates, names in the reader's script, and date axes that show dates."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import FIXTURE_CORPUS, build_fixture_store

from analysis.model import Filter
from analysis.queries import core as queries
from analysis.queries import events
from analysis.queries.names import display_name
from analysis.render import charts
from analysis.store.batches import Store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return build_fixture_store(tmp_path_factory.mktemp("views-store"), FIXTURE_CORPUS)


@pytest.mark.parametrize("interval", ["day", "week", "month"])
def test_event_counts_over_time_are_zero_filled_on_the_timeline_periods(
    store: Store, interval: str
) -> None:
    counts = events.event_counts_over_time(store, Filter(), interval=interval)
    timeline = queries.timeline(store, Filter(), interval=interval, topics=())
    assert list(counts["period"]) == list(timeline["period"])
    tally = events.event_tally(store, Filter(), interval=interval)
    assert counts["events"].sum() == tally["events"].sum()
    assert (counts["events"] >= 0).all()


def test_event_places_have_coordinates_and_never_more_events_than_the_evidence(
    store: Store,
) -> None:
    places = events.event_places(store, Filter(), lang="zh-Hant")
    assert not places.empty
    assert places[["lat", "lon"]].notna().all().all()
    evidence = events.event_evidence(store, Filter())
    assert places["events"].sum() <= evidence["location_id"].notna().sum()
    assert "加薩走廊" in set(places["place"])


def test_display_names_follow_the_script() -> None:
    assert display_name("israel-defense-forces", lang="zh-Hant") == "以色列國防軍"
    assert display_name("israel-defense-forces", lang="zh-Hans") == "以色列国防军"
    assert display_name("israel-defense-forces", lang="en") == "Israel Defense Forces"
    assert display_name("unknown:泽连斯基夫人", lang="zh-Hant") == "澤連斯基夫人"
    assert display_name(None, lang="en") is None


def test_a_single_period_timeline_shows_dates_around_it() -> None:
    import pandas as pd

    frame = pd.DataFrame(
        {"period": ["2023-09-01"], "topic": ["all"], "articles": [1], "share": [1.0]}
    )
    fig = charts.timeline_figure(frame, series_labels={}, axis_labels={}, interval="month")
    axis = fig.layout.xaxis
    assert axis.type == "date" and axis.tickformat == "%Y-%m"
    assert axis.range[0] < "2023-09-01" < axis.range[1]


def test_peak_headlines_open_towards_the_middle_so_they_stay_inside_the_chart() -> None:
    import pandas as pd

    periods = [f"2024-{month:02d}-01" for month in range(1, 13)]
    frame = pd.DataFrame(
        {"period": periods, "topic": "ukraine-war", "articles": range(12), "share": 0.5}
    )
    peaks = pd.DataFrame(
        {
            "period": ["2024-01-01", "2024-06-01", "2024-12-01"],
            "topic": "ukraine-war",
            "articles": [0, 5, 11],
            "title": ["俄軍連夜無人機攻擊烏克蘭 烏空軍稱擊落89架"] * 3,
        }
    )
    fig = charts.timeline_figure(
        frame, series_labels={}, axis_labels={}, interval="month", peaks=peaks
    )
    sides = {a.x: (a.xanchor, a.ax) for a in fig.layout.annotations}
    assert sides["2024-01-01"][0] == "left" and sides["2024-01-01"][1] > 0
    assert sides["2024-06-01"] == ("center", 0)
    assert sides["2024-12-01"][0] == "right" and sides["2024-12-01"][1] < 0


def test_no_view_module_passes_300_lines() -> None:
    root = Path(__file__).resolve().parent.parent / "analysis" / "views"
    for path in root.glob("*.py"):
        assert len(path.read_text("utf-8").splitlines()) < 300, path
