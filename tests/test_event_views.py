"""The Events page's views on a store ingested from real-looking articles
(tests/fixtures/events/): tolls to date are kept out of every count and shown as the latest
figure per claimant; harm done by a flood counts only when asked for; batches written before
`cumulative` and `conflict` existed read as new conflict events; the command line prints both."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from analysis.cli import main
from analysis.ingest import ingest
from analysis.model import EVENT_FIELDS, Filter
from analysis.queries import core, events
from analysis.store.batches import Store

EVENTS_CORPUS = Path(__file__).resolve().parent / "fixtures" / "events"
FLOOD = "廣東省應急管理廳18日表示，連日暴雨引發洪水，造成12人死亡，5人受傷。"


def _ingested(root: Path) -> Store:
    store = Store(root)
    ingest([EVENTS_CORPUS], store=store)
    return store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return _ingested(tmp_path_factory.mktemp("event-views"))


@pytest.fixture(scope="module")
def old_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """The same articles, stored as a batch written before `cumulative` and `conflict`."""
    store = _ingested(tmp_path_factory.mktemp("event-views-old"))
    for path in store.table_files("events"):
        table = pq.read_table(path)
        pq.write_table(table.drop_columns(["cumulative", "conflict"]), path)
    return Store(store.root)


def _sum(frame, measure: str, claimant: str | None = None) -> int:
    rows = frame[frame["measure"] == measure]
    if claimant is not None:
        rows = rows[rows["claimant"] == claimant]
    return int(rows["quantity"].sum())


def test_the_stored_events_carry_the_flags_the_analysis_gave(store: Store) -> None:
    frame = core.events(store, Filter())
    tolls = frame[frame["cumulative"]]
    assert set(tolls["quantity"]) == {2269, 9814, 4137, 13000}
    assert set(frame.loc[~frame["conflict"], "sentence"]) == {FLOOD}


def test_a_toll_to_date_is_never_summed_with_new_events(store: Store) -> None:
    sums = events.quantity_by_claimant(store, Filter(), lang="zh-Hant")
    assert _sum(sums, "killed") == 30  # the air strike of 15 October, not 2269 + 4137
    assert _sum(sums, "killed", "palestine") == 0
    assert _sum(sums, "injured") == 0
    assert _sum(sums, "drones_launched", "ukrainian-air-force") == 20
    by_period = events.quantity_by_period(store, Filter(), interval="month")
    assert _sum(by_period, "killed") == 30
    tally = events.event_tally(store, Filter(), interval="month")
    assert int(tally.loc[tally["type"] == "killed", "quantity"].sum()) == 30
    counts = events.event_counts_over_time(store, Filter(), interval="month")
    assert counts["events"].sum() == tally["events"].sum()


def test_tolls_to_date_are_the_latest_figure_per_claimant(store: Store) -> None:
    tolls = events.tolls_to_date(store, Filter(), lang="zh-Hant")
    assert list(tolls.columns) == list(events.TOLL_COLUMNS)
    palestine = tolls[tolls["claimant"] == "palestine"].set_index("measure")
    assert palestine.loc["killed", "quantity"] == 4137  # 20 October, not 15 October's 2269
    assert palestine.loc["killed", "date"] == "2023-10-20"
    assert palestine.loc["killed", "tolls"] == 2
    assert palestine.loc["injured", "quantity"] == 13000
    assert palestine.loc["killed", "claimant_name"] == "巴勒斯坦"
    assert "4137人死亡" in palestine.loc["killed", "sentence"]
    assert palestine.loc["killed", "title"] == "加沙死亡人數升至4137人"
    assert list(dict.fromkeys(tolls["measure"])) == ["killed", "injured"]  # MEASURES order
    # A narrower selection gives the latest figure within it.
    before = Filter(date_to=dt.date(2023, 10, 16))
    early = events.tolls_to_date(store, before).set_index(["measure", "claimant"])
    assert early.loc[("killed", "palestine"), "quantity"] == 2269


def test_harm_done_by_a_flood_counts_only_when_asked_for(store: Store) -> None:
    conflict = events.quantity_by_claimant(store, Filter())
    everything = events.quantity_by_claimant(store, Filter(), conflict_only=False)
    assert _sum(everything, "killed") - _sum(conflict, "killed") == 12
    assert _sum(everything, "injured") - _sum(conflict, "injured") == 5
    assert FLOOD not in set(events.event_evidence(store, Filter())["sentence"])
    shown = events.event_evidence(store, Filter(), conflict_only=False)
    assert FLOOD in set(shown["sentence"])
    assert not shown.loc[shown["sentence"] == FLOOD, "conflict"].any()
    tally = events.event_tally(store, Filter())
    wider = events.event_tally(store, Filter(), conflict_only=False)
    assert wider["events"].sum() == tally["events"].sum() + 2
    over_time = events.event_counts_over_time(store, Filter(), conflict_only=False)
    assert over_time["events"].sum() == wider["events"].sum()


def test_the_evidence_keeps_tolls_to_date_and_says_which(store: Store) -> None:
    evidence = events.event_evidence(store, Filter())
    assert list(evidence.columns) == list(events.EVIDENCE_COLUMNS)
    assert set(evidence.loc[evidence["cumulative"], "quantity"]) == {2269, 9814, 4137, 13000}


def test_batches_written_before_the_flags_read_as_new_conflict_events(old_store: Store) -> None:
    frame = core.events(old_store, Filter())
    assert not frame.empty
    assert not frame["cumulative"].any() and frame["conflict"].all()
    sums = events.quantity_by_claimant(old_store, Filter())
    assert _sum(sums, "killed") == 30 + 2269 + 4137 + 12
    assert events.tolls_to_date(old_store, Filter()).empty
    evidence = events.event_evidence(old_store, Filter())
    assert FLOOD in set(evidence["sentence"])


@pytest.mark.parametrize("fixture", ["store", "old_store"])
def test_query_events_prints_every_event_field_with_its_article(
    fixture: str, request: pytest.FixtureRequest, capsys: pytest.CaptureFixture[str]
) -> None:
    store: Store = request.getfixturevalue(fixture)
    assert main(["query", "events", "--store", str(store.root)]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line]
    assert records
    for record in records:
        assert list(record)[: len(EVENT_FIELDS)] == list(EVENT_FIELDS)
        assert {"article_id", "published_at", "source"} <= set(record)
        assert isinstance(record["cumulative"], bool) and isinstance(record["conflict"], bool)
    flood = [r for r in records if r["sentence"] == FLOOD]
    assert flood and all(r["conflict"] is (fixture == "old_store") for r in flood)
    assert any(r["cumulative"] for r in records) is (fixture == "store")


def test_the_evidence_csv_keeps_empty_cells_never_the_word_none(store: Store) -> None:
    import csv
    import io

    from analysis.render.export import to_csv_bytes

    frame = events.event_evidence(store, Filter(), conflict_only=False)
    text = to_csv_bytes(frame).decode("utf-8-sig")
    cells = {cell for row in csv.reader(io.StringIO(text)) for cell in row}
    assert "" in cells
    assert not cells & {"None", "nan", "NaN", "<NA>"}
