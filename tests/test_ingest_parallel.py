"""Ingest with a pool of forked workers stores exactly what one process stores.

The corpus is written here: a few hundred short news articles in Traditional and Simplified
Chinese, across plain-text pages, CSV, TSV and JSON Lines files, with copies of one article in
several files and a PDF that must be rejected. Never skipped.
"""

from __future__ import annotations

import csv
import itertools
import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from analysis.ingest import IngestReport, ingest
from analysis.language.text import to_traditional
from analysis.store.batches import Store

TABLES = ("articles", "entities", "events", "topics", "terms")

# where strikes land; (host, guest, city) of each summit; counts in digits and in words
PLACES = (
    "基辅",
    "哈尔科夫",
    "敖德萨",
    "赫尔松",
    "扎波罗热",
    "顿涅茨克",
    "克里米亚",
    "塞瓦斯托波尔",
)
LEADERS = (("普京", "金正恩", "平壤"), ("习近平", "普京", "北京"), ("拜登", "尹锡悦", "华盛顿"))
COUNTS = ("3", "五", "12", "二十", "7")
SIMPLIFIED_SOURCES = ("人民日报", "新华社")
TRADITIONAL_SOURCES = ("中央社", "自由時報", "聯合報")


# kind -> (title, body) templates, Simplified; {n} keeps each article apart from the others
TEMPLATES = {
    "missile": (
        "俄军向{place}发射{count}枚导弹（第{n}报）",
        "乌克兰空军9月{day}日称，俄罗斯军队当天凌晨向{place}发射了{count}枚巡航导弹，"
        "乌克兰防空部队拦截了其中大部分。\n\n"
        "当地官员说，袭击造成{killed}人死亡，{injured}人受伤，多座民用建筑受损。"
        "泽连斯基呼吁西方国家提供更多防空系统。",
    ),
    "drone": (
        "{place}遭无人机袭击 防空部队击落{count}架（第{n}报）",
        "俄罗斯国防部9月{day}日称，防空部队在{place}上空击落了{count}架乌克兰无人机。"
        "\n\n美国国务卿布林肯表示，美国将继续支持乌克兰。",
    ),
    "summit": (
        "{first}与{second}在{city}会晤（第{n}报）",
        "{first}9月{day}日在{city}与{second}举行会谈，双方讨论了乌克兰局势和朝鲜半岛问题。"
        "\n\n分析人士认为，这次会晤显示俄罗斯与朝鲜的军事合作正在加深。"
        "联合国秘书长古特雷斯呼吁各方保持克制。",
    ),
}


def stories() -> list[dict[str, Any]]:
    """360 articles, each different, with dates, sources and both scripts."""
    made: list[dict[str, Any]] = []
    combos = itertools.product(range(3), PLACES, COUNTS, TEMPLATES)
    for n, (_, place, count, kind) in enumerate(combos):
        first, second, city = LEADERS[n // 3 % len(LEADERS)]
        day = n % 28 + 1
        values = {"n": n, "day": day, "place": place, "count": count, "killed": n % 9 + 1}
        values |= {"injured": n % 7 + 2, "first": first, "second": second, "city": city}
        title, body = TEMPLATES[kind]
        story: dict[str, Any] = {"title": title.format(**values), "body": body.format(**values)}
        traditional = n % 2 == 1
        if traditional:
            story = {key: to_traditional(value) for key, value in story.items()}
        sources = TRADITIONAL_SOURCES if traditional else SIMPLIFIED_SOURCES
        story["source"] = sources[n % len(sources)]
        story["published_at"] = f"2023-09-{day:02d}T{n % 24:02d}:15:00+08:00"
        story["url"] = f"https://news.example/{n}"
        made.append(story)
    return made


def write_table(path: Path, rows: list[dict[str, Any]], *, delimiter: str = ",") -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter=delimiter)
        writer.writeheader()
        writer.writerows(rows)


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    path.write_text(text, encoding="utf-8")


def write_page(path: Path, story: dict[str, Any]) -> None:
    """A scraped page: title, date line, body."""
    date = story["published_at"][:16].replace("T", " ")
    path.write_text(f"{story['title']}\n\n{date}\n\n{story['body']}\n", encoding="utf-8")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """The input folder and how many different articles it holds."""
    folder = tmp_path_factory.mktemp("parallel-corpus")
    made = stories()
    pages, tables = made[:6], made[6:]
    for i, story in enumerate(pages):
        write_page(folder / f"page-{i}.txt", story)
    chunks = [tables[i : i + 40] for i in range(0, len(tables), 40)]
    for i, rows in enumerate(chunks):
        if i % 3 == 0:
            write_table(folder / f"export-{i}.csv", rows)
        elif i % 3 == 1:
            write_jsonl(folder / f"feed-{i}.jsonl", rows)
        else:
            write_table(folder / f"export-{i}.tsv", rows, delimiter="\t")
    # copies: one article in a page, a CSV and a JSON Lines file; one twice in the same file
    write_table(folder / "copies.csv", [tables[0], tables[1], tables[1]])
    write_jsonl(folder / "copies.jsonl", [tables[0], made[0]])
    (folder / "scan.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    return folder, len(made)


@pytest.fixture(scope="module")
def stores(
    corpus: tuple[Path, int], tmp_path_factory: pytest.TempPathFactory
) -> dict[int, tuple[Store, IngestReport]]:
    """The corpus ingested by one process and by two workers, each into its own store."""
    folder, _ = corpus
    made = {}
    for workers in (1, 2):
        store = Store(tmp_path_factory.mktemp(f"store-{workers}-workers"))
        made[workers] = store, ingest([folder], store=store, workers=workers)
    return made


def stored_rows(store: Store, table: str) -> list[str]:
    """Every row of a table, as sorted canonical JSON (the order of rows is no promise)."""
    rows = [row for path in store.table_files(table) for row in pq.read_table(path).to_pylist()]
    return sorted(json.dumps(row, ensure_ascii=False, sort_keys=True, default=str) for row in rows)


@pytest.mark.parametrize("table", TABLES)
def test_two_workers_store_exactly_what_one_process_stores(stores, table):
    one, two = stored_rows(stores[1][0], table), stored_rows(stores[2][0], table)
    assert one, f"the corpus gave no {table} rows: the test would prove nothing"
    assert one == two


def test_the_corpus_gives_entities_events_and_topics_in_both_scripts(stores, corpus):
    _, different = corpus
    store = stores[2][0]
    articles = [json.loads(row) for row in stored_rows(store, "articles")]
    assert len(articles) == different
    assert {a["lang"] for a in articles} == {"zh-Hans", "zh-Hant"}
    entity_ids = {json.loads(row)["entity_id"] for row in stored_rows(store, "entities")}
    assert {"vladimir-putin", "ukraine", "russia"} <= entity_ids
    event_types = {json.loads(row)["type"] for row in stored_rows(store, "events")}
    assert {"missile_launch", "killed", "summit"} <= event_types


@pytest.mark.parametrize("workers", [1, 2])
def test_a_rejected_file_is_reported_and_every_other_file_stored(stores, corpus, workers):
    folder, different = corpus
    store, report = stores[workers]
    rejected = {Path(f.path).name: f.rejected for f in report.rejected}
    assert list(rejected) == ["scan.pdf"]
    assert "PDF" in (rejected["scan.pdf"] or "")
    files = [row for path in store.table_files("files") for row in pq.read_table(path).to_pylist()]
    stored = {Path(row["path"]).name: row for row in files}
    assert set(stored) == {p.name for p in folder.iterdir()}
    assert stored["scan.pdf"]["rejected"] == rejected["scan.pdf"]
    assert report.added == different
    assert report.duplicates == 5  # tables[0] twice, tables[1] twice, made[0] once


@pytest.mark.parametrize("workers", [1, 2])
def test_ingesting_again_adds_nothing(stores, corpus, workers):
    folder, different = corpus
    store, _ = stores[workers]
    before = {table: stored_rows(store, table) for table in TABLES}
    again = ingest([folder], store=store, workers=workers)
    assert again.added == 0
    assert again.duplicates == different + 5
    assert [Path(f.path).name for f in again.rejected] == ["scan.pdf"]
    assert {table: stored_rows(store, table) for table in TABLES} == before
