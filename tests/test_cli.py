"""The command line as outside checks call it: output shapes, rejections, exit status."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import ROOT, SEED

CAPTION = " - 天天要聞"


def run(*args: str, store: Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if store is not None:
        env["NEWSLENS_STORE"] = str(store)
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=timeout,
    )


def json_lines(stdout: bytes) -> list[dict]:
    return [json.loads(line) for line in stdout.decode("utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def seed_records() -> list[dict]:
    result = run("parse", str(SEED), "--json")
    assert result.returncode == 0, result.stderr.decode()
    return json_lines(result.stdout)


def test_seed_gives_one_article_with_its_date_line_fields(seed_records):
    articles = [r for r in seed_records if r["kind"] == "article"]
    assert len(articles) == 1
    article = articles[0]
    assert article["title"] == "俄朝關係迅速升溫,全方位“軍事技術合作和安全問題交流”"
    assert article["published_at"] == "2023-09-14T16:41:02+08:00"
    assert article["category"] == "國際"
    assert article["views"] == 1362
    assert article["source"] == "天天要聞"
    assert article["lang"] == "zh-Hant"
    assert set(article) >= {"id", "url", "body", "origin"}


def test_seed_gives_six_teasers_without_dates(seed_records):
    teasers = [r for r in seed_records if r["kind"] == "teaser"]
    assert len(teasers) == 6
    assert all(t["published_at"] is None for t in teasers)
    assert teasers[0]["title"] == "總台記者探訪丨旱情持續 德國主要河流水位下降 影響航運"
    assert teasers[2]["title"] == "俄美外長吉隆坡密談50分鐘,事後表述竟大相徑庭"
    assert all(t["body"] for t in teasers)


def test_seed_body_keeps_every_paragraph_and_drops_captions_and_recommendations(seed_records):
    body = next(r["body"] for r in seed_records if r["kind"] == "article")
    assert CAPTION not in body
    assert "分類資訊推薦" not in body and "德國主要河流" not in body
    lines = SEED.read_text(encoding="utf-8").splitlines()
    end = lines.index("國際分類資訊推薦")
    own_text = [line for line in lines[3:end] if line.strip() and not line.endswith(CAPTION)]
    for paragraph in own_text:
        assert paragraph.strip() in body
    assert "前言\n\n俄羅斯總統普京朝鮮最高領導人金正恩" in body  # headings stay paragraphs


def write_bad_inputs(folder: Path) -> dict[str, str]:
    """Bad files, each with a word its rejection reason must contain."""
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b"  \n\t\n  ")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "report.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    (folder / "report.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    (folder / "no_text.csv").write_text("title,date\n標題,2023-09-13\n", encoding="utf-8")
    (folder / "no_article.html").write_text(
        "<html><head><script>" + "var a=1;" * 5000 + "</script></head><body></body></html>",
        encoding="utf-8",
    )
    with (
        zipfile.ZipFile(folder / "bomb.zip", "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("a.txt", "w", force_zip64=True) as member,
    ):
        chunk = b"\0" * (1 << 20)
        for _ in range(1024):
            member.write(chunk)
    return {
        "empty.txt": "empty",
        "blank.txt": "blank",
        "binary.txt": "",
        "report.docx": "",
        "report.pdf": "PDF",
        "no_text.csv": "column",
        "no_article.html": "",
        "bomb.zip": "",
    }


GOOD = "普京抵達平壤\n\n2024-06-19 08:30\n\n俄羅斯總統普京19日凌晨抵達平壤，展開國事訪問。\n"


def test_bad_inputs_are_rejected_by_name_and_good_files_are_still_stored(tmp_path):
    expected = write_bad_inputs(tmp_path / "in")
    (tmp_path / "in" / "good.txt").write_text(GOOD, encoding="utf-8")
    result = run("ingest", str(tmp_path / "in"), store=tmp_path / "store")
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 1, stderr
    assert "Traceback" not in stderr
    rejected = {line for line in stderr.splitlines() if line.startswith("REJECTED ")}
    for name, word in expected.items():
        line = next((r for r in rejected if f"{name}" in r.split(": ", 1)[0]), None)
        assert line is not None, f"{name} was not rejected: {stderr}"
        assert word in line, line
    stats = json.loads(run("stats", "--json", store=tmp_path / "store").stdout)
    assert stats["articles"] == 1
    assert stats["rejected"] == len(expected)


def test_nul_bytes_and_a_truncated_last_character_do_not_lose_the_article(tmp_path):
    data = GOOD.encode("utf-8").replace("展開".encode(), "展\x00開".encode()) + "國".encode()[:2]
    (tmp_path / "damaged.txt").write_bytes(data)
    result = run("parse", str(tmp_path / "damaged.txt"), "--json")
    assert result.returncode == 0, result.stderr.decode()
    (article,) = json_lines(result.stdout)
    assert "展開國事訪問" in article["body"]
    assert "\x00" not in article["body"]


def test_a_25_mb_one_line_file_finishes(tmp_path):
    path = tmp_path / "one_line.txt"
    path.write_text("俄羅斯總統普京表示，" * 900_000, encoding="utf-8")
    assert path.stat().st_size > 25_000_000
    result = run("parse", str(path), "--json", timeout=240)
    assert result.returncode in (0, 1)
    assert "Traceback" not in result.stderr.decode()


def test_ingesting_the_same_files_twice_adds_nothing(tmp_path):
    store = tmp_path / "store"
    first = run("ingest", str(SEED), store=store)
    assert first.returncode == 0, first.stderr.decode()
    again = run("ingest", str(SEED), store=store)
    assert again.returncode == 0
    stats = json.loads(run("stats", "--json", store=store).stdout)
    assert (stats["articles"], stats["teasers"]) == (1, 6)
    assert set(stats) >= {"articles", "teasers", "sources", "first", "last", "events", "rejected"}


def test_query_articles_prints_the_model_fields_as_json_lines_and_csv(tmp_path):
    store = tmp_path / "store"
    run("ingest", str(SEED), store=store)
    result = run("query", "articles", store=store)
    assert result.returncode == 0, result.stderr.decode()
    (record,) = json_lines(result.stdout)
    assert list(record) == [
        "id", "title", "published_at", "source", "category", "views",
        "url", "body", "kind", "lang", "origin",
    ]  # fmt: skip
    teasers = json_lines(run("query", "articles", "--include-teasers", store=store).stdout)
    assert len(teasers) == 7
    csv = run("query", "articles", "--format", "csv", store=store).stdout
    assert csv.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(io.BytesIO(csv), encoding="utf-8-sig")
    assert frame.loc[0, "views"] == 1362
    dated = json_lines(run("query", "articles", "--from", "2023-09-15", store=store).stdout)
    assert dated == []


@pytest.mark.parametrize(
    "args",
    [
        ("frobnicate",),
        ("query", "nonsense"),
        ("query", "articles", "--from", "2023-13-45"),
        ("parse", "does/not/exist.txt"),
        ("parse", str(SEED), "--encoding", "no-such-codec"),
        ("ingest", str(SEED), "--map", "body"),
    ],
)
def test_wrong_usage_exits_2_without_a_traceback(args, tmp_path):
    result = run(*args, store=tmp_path / "store")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr.decode()


def test_warnings_and_a_rejection_are_named_on_stderr_in_one_format(capsys):
    from analysis.cli import report_problems
    from analysis.sources.base import FileResult
    from analysis.store.batches import FileRecord

    warnings = [f"a.csv:{n}: no body" for n in range(1, 26)]
    rejected = FileRecord(path="a.csv", warnings=warnings, rejected="not a table")
    assert report_problems(rejected, most_warnings=20)
    assert not report_problems(FileResult(path="b.txt", warnings=["b.txt: no date"]))
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        *(f"WARNING {w}" for w in warnings[:20]),
        "REJECTED a.csv: not a table",
        "WARNING b.txt: no date",
    ]


def test_the_filter_flags_make_the_filter_the_url_would() -> None:
    import datetime as dt

    from analysis.cli import build_parser, filter_from_arguments
    from analysis.model import Filter

    flags = "--from 2023-09-01 --to 2023-09-30 --topic a --topic b --source 央視"
    flags += " --entity vladimir-putin --q 導彈 --include-teasers"
    args = build_parser().parse_args(["query", "articles", *flags.split()])
    flt = filter_from_arguments(args)
    assert flt == Filter(
        date_from=dt.date(2023, 9, 1),
        date_to=dt.date(2023, 9, 30),
        topics=("a", "b"),
        sources=("央視",),
        entity="vladimir-putin",
        q="導彈",
        include_teasers=True,
    )
    assert Filter.from_params(flt.to_params()) == (flt, [])
    assert filter_from_arguments(build_parser().parse_args(["query", "terms"])) == Filter()


def test_a_bad_date_flag_is_named_in_the_usage_error() -> None:
    from analysis.cli import UsageError, build_parser, filter_from_arguments

    args = build_parser().parse_args(["query", "articles", "--to", "2023-02-30"])
    with pytest.raises(UsageError, match=r"^--to takes a date YYYY-MM-DD, got '2023-02-30'$"):
        filter_from_arguments(args)
