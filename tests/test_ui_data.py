"""The cached query functions the pages call: keyed on the Filter itself, the options, the
store's folder and its version, with one cache per query."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from analysis.model import Filter
from analysis.store.batches import Store
from ui import data

SEPT = dt.date(2023, 9, 1)


class Probe:
    """A query that counts its calls."""

    def __init__(self) -> None:
        self.calls: list[tuple[Filter, int]] = []

    def __call__(self, store: Store, flt: Filter, *, limit: int = 10) -> int:
        self.calls.append((flt, limit))
        return len(self.calls)


@pytest.fixture
def versions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The version the store reports: append to it to play a new batch."""
    seen = ["batch-1"]
    monkeypatch.setattr(data, "store", lambda: Store(tmp_path))
    monkeypatch.setattr(Store, "version", lambda self: seen[-1])
    return seen


def _probe_query(name: str) -> tuple[Probe, Callable[..., int]]:
    probe = Probe()

    def query(store: Store, flt: Filter, *, limit: int = 10) -> int:
        return probe(store, flt, limit=limit)

    query.__qualname__ = f"test_ui_data.{name}"
    return probe, data.cached_query(query)


def test_equal_filters_share_an_entry_and_different_ones_do_not(versions: list[str]) -> None:
    probe, cached = _probe_query("equal_filters")
    cached(Filter(date_from=SEPT, topics=("ukraine-war",)))
    cached(Filter(date_from=SEPT, topics=("ukraine-war",)))
    assert len(probe.calls) == 1
    different = [
        Filter(date_from=SEPT + dt.timedelta(days=1), topics=("ukraine-war",)),
        Filter(date_to=SEPT, topics=("ukraine-war",)),
        Filter(date_from=SEPT, sources=("ukraine-war",)),
        Filter(date_from=SEPT, topics=("ukraine-war",), include_teasers=True),
        Filter(date_from=SEPT, topics=("ukraine-war",), q="導彈"),
    ]
    for flt in different:
        cached(flt)
    assert len(probe.calls) == 1 + len(different)


def test_options_and_a_new_batch_are_new_entries(versions: list[str]) -> None:
    probe, cached = _probe_query("options_and_batches")
    cached(Filter())
    cached(Filter(), limit=5)
    assert len(probe.calls) == 2
    versions.append("batch-1|batch-2")
    cached(Filter())
    assert len(probe.calls) == 3


def test_two_queries_do_not_share_a_cache(versions: list[str]) -> None:
    first, cached_first = _probe_query("first")
    second, cached_second = _probe_query("second")
    cached_first(Filter())
    cached_second(Filter())
    assert len(first.calls) == len(second.calls) == 1


def test_a_page_gets_what_the_query_layer_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app_support import FIXTURE_CORPUS, build_fixture_store

    from analysis import queries

    build_fixture_store(tmp_path, FIXTURE_CORPUS)
    monkeypatch.setattr(data, "store", lambda: Store(tmp_path))
    flt = Filter(topics=("ukraine-war",))
    expected = queries.timeline(Store(tmp_path), flt, interval="month")
    assert data.timeline(flt, interval="month").equals(expected)
    assert data.stats() == queries.stats(Store(tmp_path))
