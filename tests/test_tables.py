"""Table readers: CSV, TSV, JSON, JSON Lines, Parquet."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from analysis.sources.base import InputRejected, ReadOptions
from analysis.sources.tables import read_csv, read_json, read_jsonl, read_parquet, read_tsv

OPTIONS = ReadOptions()


def _jsonl(*records: object) -> bytes:
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in records).encode("utf-8")


# --- CSV / TSV ---------------------------------------------------------------------------------


def test_csv_with_bom_embedded_comma_newline_and_quotes() -> None:  # F-5
    data = (
        b"\xef\xbb\xbfid,title,body\r\n" + '1,"标题,含逗号","第一行\n第二行 ""引号"""\r\n'.encode()
    )
    out = read_csv(data, name="f5.csv", options=OPTIONS)
    (article,) = out.articles
    assert article.title == "标题,含逗号"
    assert article.body == '第一行\n第二行 "引号"'
    assert article.origin == "f5.csv:2"
    assert out.warnings == []


def test_csv_without_a_text_column_is_rejected_naming_the_columns() -> None:
    data = "id,title,日期\n1,标题,2024-01-01\n".encode()
    with pytest.raises(InputRejected) as caught:
        read_csv(data, name="no_text.csv", options=OPTIONS)
    reason = caught.value.reason
    assert "no text column" in reason
    assert "'id', 'title', '日期'" in reason
    assert "content" in reason and "正文" in reason and "內容" in reason
    assert caught.value.path == "no_text.csv"


def test_map_override_and_its_errors() -> None:
    data = "編號,標題,稿件\n1,標題一,正文一\n".encode()
    with pytest.raises(InputRejected, match="no text column"):
        read_csv(data, name="a.csv", options=OPTIONS)
    mapped = ReadOptions(column_map=(("body", "稿件"),))
    (article,) = read_csv(data, name="a.csv", options=mapped).articles
    assert (article.title, article.body) == ("標題一", "正文一")
    alias = ReadOptions(column_map=(("text", "稿件"), ("title", "編號")))
    (article,) = read_csv(data, name="a.csv", options=alias).articles
    assert article.title == "1"
    with pytest.raises(InputRejected, match=r"no column '正文'.*'稿件'"):
        read_csv(data, name="a.csv", options=ReadOptions(column_map=(("body", "正文"),)))
    with pytest.raises(InputRejected, match="unknown field 'author'"):
        read_csv(data, name="a.csv", options=ReadOptions(column_map=(("author", "編號"),)))


def test_column_names_in_either_script_and_any_case() -> None:
    data = "標題,發布時間,內容,來源,網址,分類,點閱\nA,2023年9月14日 16:41,正文,中央社,https://x.tw/1,國際,1.2萬\n"
    (article,) = read_csv(data.encode(), name="t.csv", options=OPTIONS).articles
    assert article.published_at == "2023-09-14T16:41:00+08:00"
    assert (article.source, article.url, article.category) == ("中央社", "https://x.tw/1", "國際")
    assert article.views == 12_000
    data = "HEADLINE,Published,TEXT\nB,2024-01-02,内容\n"
    (article,) = read_csv(data.encode(), name="t.csv", options=OPTIONS).articles
    assert (article.title, article.published_at, article.body) == ("B", "2024-01-02", "内容")


def test_ragged_rows_are_skipped_with_their_line() -> None:  # F-12
    data = b"id,body\n1,a\n2,b,EXTRA\n3\n"
    out = read_csv(data, name="ragged.csv", options=OPTIONS)
    assert [a.body for a in out.articles] == ["a"]
    assert out.warnings == [
        "ragged.csv:3: extra fields: 3 fields, the header has 2, skipped",
        "ragged.csv:4: missing fields: 1 fields, the header has 2, skipped",
    ]


def test_huge_field() -> None:  # F-11
    body = "新闻" * 100_000 + "\n第二段"
    data = ("title,body\n" + f'大,"{body}"\n').encode()
    (article,) = read_csv(data, name="huge.csv", options=OPTIONS).articles
    assert len(article.body) == len(body)


def test_bare_cr_inside_a_field_is_a_line_break_not_a_new_row() -> None:  # F-13
    data = 'title,body\nA,第一段\r第二段\nB,"第三段\r第四段"\n'.encode()
    out = read_csv(data, name="cr.csv", options=OPTIONS)
    assert [a.body for a in out.articles] == ["第一段\n第二段", "第三段\n第四段"]
    assert [a.origin for a in out.articles] == ["cr.csv:2", "cr.csv:3"]


def test_old_mac_line_ends() -> None:
    out = read_csv(b"title,body\rA,x\rB,y\r", name="mac.csv", options=OPTIONS)
    assert [a.body for a in out.articles] == ["x", "y"]


def test_line_numbers_count_lines_inside_quoted_fields() -> None:
    data = b'title,body\nA,"1\n2\n3"\nB,x,extra\n'
    out = read_csv(data, name="n.csv", options=OPTIONS)
    assert out.warnings == ["n.csv:5: extra fields: 3 fields, the header has 2, skipped"]


def test_tsv_and_gbk() -> None:
    data = (
        "标题\t正文\t日期\n外交部：反对单边制裁\t外交部发言人今天表示反对单边制裁。\t2023-02-30\n"
    )
    out = read_tsv(data.encode("gb18030"), name="g.tsv", options=OPTIONS)
    (article,) = out.articles
    assert article.title == "外交部：反对单边制裁"
    assert article.published_at is None
    assert out.warnings == ["g.tsv:2: impossible date '2023-02-30', stored without a date"]
    assert article.lang == "zh-Hans"


def test_formula_like_cells_are_stored_verbatim() -> None:  # F-14: neutralised on export only
    data = b'title,body\n"=HYPERLINK(""http://e/"",""x"")",+1+1\n'
    (article,) = read_csv(data, name="f.csv", options=OPTIONS).articles
    assert (article.title, article.body) == ('=HYPERLINK("http://e/","x")', "+1+1")


# --- JSON Lines --------------------------------------------------------------------------------


def test_truncated_jsonl() -> None:  # F-8
    data = '{"id":"1","body":"正文"}\n{"id":"2","body":"据报\n{"id":"3",}\n\nnull\n'.encode()
    out = read_jsonl(data, name="t.jsonl", options=OPTIONS)
    assert [a.body for a in out.articles] == ["正文"]
    assert [w.split(": ")[0] for w in out.warnings] == ["t.jsonl:2", "t.jsonl:3", "t.jsonl:5"]
    assert "not a JSON object (null)" in out.warnings[2]


def test_lone_surrogate_row_is_skipped_the_others_kept() -> None:  # F-9
    lines = [json.dumps({"id": str(i), "body": f"第{i}条"}) for i in range(1, 1001)]
    lines[499] = '{"id":"500","body":"bad \\ud800 x"}'
    out = read_jsonl("\n".join(lines).encode(), name="s.jsonl", options=OPTIONS)
    assert len(out.articles) == 999
    assert out.warnings == [
        "s.jsonl:500: invalid Unicode in body (a lone surrogate such as \\ud800), skipped"
    ]
    for article in out.articles:  # all of it can be written by pyarrow
        pa.array([article.title, article.body])


def test_wrong_types() -> None:  # F-10
    data = _jsonl(
        {"id": 1},
        {"id": "2", "body": ["数组"]},
        {"id": "3", "body": "ok", "pub_date": "2024-02-30"},
        {"id": "4", "body": "ok", "pub_date": "去年"},
        {"id": "5", "body": 12},
        {"id": "6", "body": "ok", "title": {"a": 1}},
    )
    out = read_jsonl(data, name="w.jsonl", options=OPTIONS)
    assert [a.origin for a in out.articles] == ["w.jsonl:3", "w.jsonl:4"]
    assert all(a.published_at is None for a in out.articles)
    assert out.warnings == [
        "w.jsonl:1: no text, skipped",
        "w.jsonl:2: the text is not a string (a list), skipped",
        "w.jsonl:3: impossible date '2024-02-30', stored without a date",
        "w.jsonl:4: no date in '去年', stored without a date",
        "w.jsonl:5: the text is not a string (a number), skipped",
        "w.jsonl:6: title is an object, not a single value, skipped",
    ]


def test_jsonl_tw_news_shapes() -> None:
    data = _jsonl(
        {
            "source": "SETN",
            "source_name": "三立新聞網",
            "publish_date": "2025-11-18",
            "category": "unknown",
            "category_name": "未分類",
            "url": "https://www.setn.com/1",
            "title": "張信哲歌友會爆「收錢後沒下文」 | 娛樂星聞 | 三立新聞網 SETN.COM",
            "content": "圖、文／CTWANT 張信哲出道多年。",
        },
        {
            "source": "cna",
            "published_date": "2025-11-12T10:30:00",
            "category": "aipl",
            "category_name": "政治",
            "title": "宜蘭蘇澳再遇大水患【圖輯】",
            "content": "（中央社）宜蘭。",
        },
        {
            "source": "LTN",
            "source_name": "自由時報",
            "publish_date": None,
            "category": "其他",
            "title": "北韓批美韓聲明 - 自由時報電子報",
            "content": "〔編譯孫宇青／綜合報導〕北韓。",
        },
        {"source_name": "風傳媒", "title": "觀點投書：台海 | 張厚光 | 評論", "content": "本文。"},
        {
            "source_name": "壹蘋新聞網",
            "title": "全球 Top 10 榜單大洗牌｜壹蘋新聞網",
            "content": "文。",
        },
    )
    out = read_jsonl(data, name="tw.jsonl", options=OPTIONS)
    setn, cna, ltn, storm, apple = out.articles
    assert (setn.title, setn.source, setn.category) == (
        "張信哲歌友會爆「收錢後沒下文」",
        "三立新聞網",
        None,
    )
    assert (setn.published_at, setn.url, setn.lang) == (
        "2025-11-18",
        "https://www.setn.com/1",
        "zh-Hant",
    )
    assert (cna.source, cna.category) == ("中央社", "政治")
    assert cna.published_at == "2025-11-12T10:30:00+08:00"
    assert (ltn.title, ltn.category, ltn.published_at) == ("北韓批美韓聲明", None, None)
    assert storm.title == "觀點投書：台海"
    assert apple.title == "全球 Top 10 榜單大洗牌"
    assert out.warnings == []


def test_title_suffix_rule_leaves_ordinary_titles_alone() -> None:
    data = _jsonl(
        {"source_name": "中時新聞網", "title": "本周新錶｜寶格麗跨越工藝疆界", "content": "x"},
        {"source_name": "中時新聞網", "title": "台積電-KY越南廠 - 法人看好", "content": "x"},
        {"source_name": "中時新聞網", "title": "7-11無人商店曝光", "content": "x"},
    )
    titles = [a.title for a in read_jsonl(data, name="t.jsonl", options=OPTIONS).articles]
    assert titles == [
        "本周新錶｜寶格麗跨越工藝疆界",
        "台積電-KY越南廠 - 法人看好",
        "7-11無人商店曝光",
    ]


def test_rows_with_keys_that_vary() -> None:
    data = _jsonl(
        {"title": "A", "content": "一", "publish_date": "2025-11-18"},
        {"title": "B", "content": "二", "published_date": "2025-11-19"},
        {"title": "C", "text": "三", "views": 42},
    )
    out = read_jsonl(data, name="v.jsonl", options=OPTIONS)
    assert [(a.body, a.published_at, a.views) for a in out.articles] == [
        ("一", "2025-11-18", None),
        ("二", "2025-11-19", None),
        ("三", None, 42),
    ]


def test_jsonl_that_is_nothing_but_bad_lines_is_rejected() -> None:
    with pytest.raises(InputRejected, match="not JSON Lines"):
        read_jsonl(b"hello world\nnot json\n", name="x.jsonl", options=OPTIONS)
    with pytest.raises(InputRejected, match="no JSON lines"):
        read_jsonl(b"\n\n", name="x.jsonl", options=OPTIONS)


# --- JSON --------------------------------------------------------------------------------------


def test_json_list_with_line_numbers() -> None:
    data = '[\n  {"title": "A", "body": "一"},\n  17,\n  {"title": "C",\n   "body": "三"}\n]'
    out = read_json(data.encode(), name="l.json", options=OPTIONS)
    assert [a.origin for a in out.articles] == ["l.json:2", "l.json:4"]
    assert out.warnings == ["l.json:3: not a JSON object (a number), skipped"]


@pytest.mark.parametrize(
    "document",
    [
        {"articles": [{"標題": "A", "內容": "一"}]},
        {"status": "ok", "data": {"items": [{"標題": "A", "內容": "一"}]}},
        {"meta": {}, "payload": [{"標題": "A", "內容": "一"}]},
        {"標題": "A", "內容": "一"},
    ],
)
def test_json_shapes(document: object) -> None:
    data = json.dumps(document, ensure_ascii=False, indent=1).encode()
    (article,) = read_json(data, name="s.json", options=OPTIONS).articles
    assert (article.title, article.body) == ("A", "一")


def test_json_line_numbers_under_a_key() -> None:
    data = '{"total": 2,\n "articles": [\n  {"body": "一"},\n  {"body": "二"}]}'
    out = read_json(data.encode(), name="k.json", options=OPTIONS)
    assert [a.origin for a in out.articles] == ["k.json:3", "k.json:4"]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b'[{"body": "x"', "invalid JSON at line 1"),
        (b'"just a string"', "not a list of articles"),
        (b"[" * 100_000, "invalid JSON"),
        (b'{"a": 1}', "no text column"),
    ],
)
def test_bad_json_files_are_rejected(data: bytes, reason: str) -> None:
    with pytest.raises(InputRejected, match=reason):
        read_json(data, name="bad.json", options=OPTIONS)


# --- Parquet -----------------------------------------------------------------------------------


def _parquet(table: pa.Table) -> bytes:
    sink = io.BytesIO()
    pq.write_table(table, sink)
    return sink.getvalue()


def test_parquet() -> None:
    import datetime as dt

    table = pa.table(
        {
            "title": ["A", "B", None],
            "content": ["一", None, "三"],
            "published": [
                dt.datetime(2024, 1, 2, 3, 4, tzinfo=dt.UTC),
                dt.datetime(2024, 1, 3, tzinfo=dt.UTC),
                None,
            ],
            "views": [1, 2, None],
        }
    )
    out = read_parquet(_parquet(table), name="p.parquet", options=OPTIONS)
    assert [(a.title, a.body, a.views) for a in out.articles] == [("A", "一", 1), ("", "三", None)]
    assert out.articles[0].published_at == "2024-01-02T03:04:00+00:00"
    assert [a.origin for a in out.articles] == ["p.parquet:1", "p.parquet:3"]
    assert out.warnings == ["p.parquet:2: no text, skipped"]


def test_not_a_parquet_file() -> None:
    with pytest.raises(InputRejected, match="not a readable Parquet file"):
        read_parquet(b"PAR1 garbage", name="x.parquet", options=OPTIONS)


# --- the real corpus ---------------------------------------------------------------------------


def test_the_tw_news_corpus(corpora: Path) -> None:
    files = sorted((corpora / "tw-news-2025-11-zh-hant").rglob("*.jsonl"))
    assert len(files) == 33
    articles = []
    for path in files:
        out = read_jsonl(path.read_bytes(), name=path.name, options=OPTIONS)
        articles.extend(out.articles)
    unique = {a.id for a in articles}
    assert 900 <= len(unique) <= 1_100
    assert all(a.body and a.source for a in articles)
    assert not any(a.title.endswith("SETN.COM") or a.title.endswith("壹蘋新聞網") for a in articles)
    assert {a.category for a in articles}.isdisjoint({"unknown", "未分類", "其他"})
    assert "cna" not in {a.source for a in articles}
