"""The store keeps whole batches or nothing, and never counts an article twice."""

from __future__ import annotations

import os

import pyarrow.parquet as pq
import pytest

from analysis.model import TEASER, AnalyzedArticle, Article, Filter
from analysis.queries import core as queries
from analysis.store.batches import Batch, FileRecord, Store


def article(title: str, body: str = "俄羅斯總統普京與金正恩會晤。", **kw) -> AnalyzedArticle:
    return AnalyzedArticle(Article(title=title, body=body, lang="zh-Hant", **kw))


def test_a_batch_appears_whole_with_every_table(tmp_path):
    store = Store(tmp_path)
    batch = Batch(analyzed=[article("甲", published_at="2023-09-14T16:41:02+08:00")])
    batch.files.append(FileRecord(path="a.txt", articles=1))
    final = store.write_batch(batch)
    assert final is not None and final.parent == store.batches_dir
    assert sorted(p.name for p in final.iterdir()) == sorted(
        f"{t}.parquet" for t in ("articles", "entities", "events", "topics", "terms", "files")
    )
    assert not any(store.tmp_dir.iterdir())
    row = pq.read_table(final / "articles.parquet").to_pylist()[0]
    assert row["published_date"].isoformat() == "2023-09-14"


def test_a_failed_write_leaves_no_batch(tmp_path, monkeypatch):
    store = Store(tmp_path)

    def crash(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "rename", crash)
    with pytest.raises(OSError):
        store.write_batch(Batch(analyzed=[article("甲")]))
    assert store.batch_dirs() == []
    assert list(store.tmp_dir.iterdir()) == []


def test_the_same_text_with_other_white_space_is_the_same_article():
    a = Article(title="標題", body="第一段。\n\n第二段。")
    b = Article(title=" 標題 ", body="第一段。\n第二段。  ")
    assert a.id == b.id


def test_stats_count_articles_and_teasers_apart(tmp_path):
    store = Store(tmp_path)
    store.write_batch(
        Batch(
            analyzed=[
                article("甲", published_at="2023-09-14", source="天天要聞"),
                article("乙", body="推薦", kind=TEASER, source="天天要聞"),
            ]
        )
    )
    counts = queries.stats(store)
    assert (counts["articles"], counts["teasers"], counts["sources"]) == (1, 1, 1)
    assert counts["first"] == counts["last"] == "2023-09-14"
    assert queries.article_count(store, Filter()) == 1
    assert queries.article_count(store, Filter(include_teasers=True)) == 2


def test_compaction_keeps_every_row_once(tmp_path):
    store = Store(tmp_path)
    store.write_batch(Batch(analyzed=[article("甲")]))
    store.write_batch(Batch(analyzed=[article("乙")]))
    before = queries.article_count(store, Filter())
    store.compact()
    assert len(store.batch_dirs()) == 1
    assert queries.article_count(store, Filter()) == before == 2


def test_store_location_comes_from_flag_then_environment(monkeypatch, tmp_path):
    from analysis.cli import _open_store
    from analysis.queries._sql import connect
    from analysis.settings import Settings

    monkeypatch.setenv("NEWSLENS_STORE", str(tmp_path / "env"))
    monkeypatch.setenv("NEWSLENS_DUCKDB_THREADS", "1")
    settings = Settings.from_env()
    assert _open_store(None, settings).root == tmp_path / "env"
    assert _open_store(str(tmp_path / "flag"), settings).root == tmp_path / "flag"
    assert _open_store(None, Settings()).root.parts[-2:] == ("data", "store")
    threads = connect(_open_store(None, settings)).execute("SELECT current_setting('threads')")
    assert threads.fetchone() == (1,)


def test_an_empty_store_answers_every_query_with_empty_frames(tmp_path):
    store = Store(tmp_path)
    assert queries.stats(store)["articles"] == 0
    assert queries.articles(store, Filter()).empty
    assert queries.timeline(store, Filter()).empty
    assert queries.top_entities(store, Filter()).empty
    assert queries.events(store, Filter()).empty
    assert queries.terms(store, Filter()).empty
