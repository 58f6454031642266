"""The text reader: the seed page, plain text from other outlets, bad input."""

from __future__ import annotations

import codecs
import resource
from pathlib import Path

import pytest

from analysis.model import ARTICLE, TEASER, Article
from analysis.sources.base import InputRejected, ReadOptions
from analysis.sources.text_page import read_text

FIXTURES = Path(__file__).parent / "fixtures" / "readers"
OPTIONS = ReadOptions()
SEED_TEASER_TITLES = [
    "總台記者探訪丨旱情持續 德國主要河流水位下降 影響航運",
    "劉洪建率昆明市友好代表團訪問法國日本",
    "俄美外長吉隆坡密談50分鐘,事後表述竟大相徑庭",
    "美國醞釀中的制裁,或令俄與其他國家關係面臨挑戰",
    "美政府內部再現信息安全漏洞 “AI魯比奧”與多名官員聯絡",
    "深觀察丨又發新威脅 美國關稅亂拳打疼了誰",
]


def read(data: bytes, name: str = "t.txt", **options: str) -> list[Article]:
    return read_text(data, name=name, options=ReadOptions(**options)).articles


def fixture(name: str) -> list[Article]:
    return read((FIXTURES / name).read_bytes(), name=name)


@pytest.fixture(scope="module")
def seed(seed_bytes: bytes) -> list[Article]:
    return read(seed_bytes, name="seed.txt")


def test_seed_gives_one_article_and_six_teasers(seed: list[Article]) -> None:
    assert [a.kind for a in seed] == [ARTICLE] + [TEASER] * 6


def test_seed_article_fields(seed: list[Article]) -> None:
    article = seed[0]
    assert article.title == "俄朝關係迅速升溫,全方位“軍事技術合作和安全問題交流”"
    assert article.published_at == "2023-09-14T16:41:02+08:00"
    assert article.category == "國際"
    assert article.views == 1362
    assert article.source == "天天要聞"
    assert article.lang == "zh-Hant"
    assert article.origin == "seed.txt"


def test_caption_lines_and_recommendations_do_not_reach_the_body(seed: list[Article]) -> None:
    body = seed[0].body
    assert "天天要聞" not in body
    assert "分類資訊推薦" not in body
    assert "易北河" not in body
    assert "2023年09月14日" not in body
    assert not body.startswith(seed[0].title)


def test_seed_headings_are_paragraphs_of_their_own(seed: list[Article]) -> None:
    paragraphs = seed[0].body.split("\n\n")
    for heading in ("前言", "朝鮮的太空夢想", "俄朝關係的多維度合作", "半島局勢的不確定性"):
        assert heading in paragraphs
    assert paragraphs[-1].startswith("綜上所述")
    assert "\n\n\n" not in seed[0].body


def test_seed_teasers(seed: list[Article]) -> None:
    teasers = seed[1:]
    assert [t.title for t in teasers] == SEED_TEASER_TITLES
    for number, teaser in enumerate(teasers, 1):
        assert teaser.published_at is None
        assert teaser.source == "天天要聞"
        assert teaser.body and teaser.title not in teaser.body
        assert "天天要聞" not in teaser.body
        assert teaser.origin == f"seed.txt#teaser-{number}"
    assert teasers[0].body.startswith("今年以來,受長時間高溫乾旱的影響")


def test_taiwan_plain_text() -> None:
    article, *teasers = fixture("tw_plain_article.txt")
    assert article.title == "北韓再度試射彈道飛彈 國防部：全程掌握"
    assert article.published_at == "2025-08-17T18:26:00+08:00"
    assert article.body.startswith("【記者王小明／台北報導】北韓今（17）日上午")
    assert article.body.endswith("並測試新型固體燃料飛彈的性能。")
    for furniture in ("延伸閱讀", "APP", "抽獎", "責任編輯", "版權所有", "相關新聞"):
        assert furniture not in article.body
    assert len(article.body.split("\n\n")) == 3
    assert [t.title for t in teasers] == [
        "北韓試射巡弋飛彈 韓軍嚴密監視",
        "美日韓外長通話 譴責北韓挑釁",
    ]
    assert all(t.kind == TEASER for t in teasers)


def test_mainland_plain_text() -> None:
    [article] = fixture("mainland_plain_article.txt")
    assert article.title == "外交部：坚决反对单边制裁"
    assert article.published_at == "2023-09-13T19:20:00+08:00"
    assert article.source == "新华社"
    assert article.lang == "zh-Hans"
    assert article.body.count("\n\n") == 1
    for furniture in ("责任编辑", "点击查看", "客户端", "转载", "评论", "阅读全文"):
        assert furniture not in article.body


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2025/08/17 18:26", "2025-08-17T18:26:00+08:00"),
        ("2023-09-13 19:20", "2023-09-13T19:20:00+08:00"),
        ("2023年9月13日", "2023-09-13"),
        ("2024年03月18日 09:12 國際", "2024-03-18T09:12:00+08:00"),
        ("發布時間：2024-03-18T09:12:00Z", "2024-03-18T09:12:00+00:00"),
    ],
)
def test_date_forms(line: str, expected: str) -> None:
    text = f"北韓試射飛彈\n{line}\n北韓今天上午朝東部海域發射短程彈道飛彈。"
    [article] = read(text.encode())
    assert article.published_at == expected


def test_source_line_in_both_scripts() -> None:
    for label in ("來源：中央社", "来源：新华社"):
        text = f"北韓試射飛彈\n{label}\n北韓今天上午朝東部海域發射短程彈道飛彈。"
        [article] = read(text.encode())
        assert article.source == label[3:]
        assert label not in article.body


def test_impossible_date_is_null_with_a_warning() -> None:
    data = (FIXTURES / "impossible_date.txt").read_bytes()
    out = read_text(data, name="bad-date.txt", options=OPTIONS)
    assert out.articles[0].published_at is None
    assert out.articles[0].category == "國際"
    assert any("impossible date" in w and w.startswith("bad-date.txt:3") for w in out.warnings)


def test_no_date_means_null_not_today() -> None:
    [article] = read("北韓試射飛彈\n北韓今天上午朝東部海域發射短程彈道飛彈。".encode())
    assert article.published_at is None


@pytest.mark.parametrize(
    ("name", "lang"), [("japanese_article.txt", "ja"), ("english_article.txt", "en")]
)
def test_japanese_and_english_are_stored_but_not_chinese(name: str, lang: str) -> None:
    out = read_text((FIXTURES / name).read_bytes(), name=name, options=OPTIONS)
    assert [a.lang for a in out.articles] == [lang]
    assert any("not Chinese" in warning for warning in out.warnings)


def test_encodings_reach_the_same_article() -> None:
    text = (
        "香港特區政府宣布新一輪消費券計劃\n2024年03月18日 09:12 本地\n"
        "香港特區政府今日宣布，將推出新一輪消費券計劃。"
    )
    expected = read(text.encode())
    for data in (
        text.encode("big5"),
        text.encode("utf-16"),
        codecs.BOM_UTF8 + text.encode(),
        text.encode("gb18030"),
    ):
        assert read(data) == expected


def test_gbk_short_headline() -> None:
    [article] = read("外交部：反对单边制裁".encode("gbk"))
    assert article.title == "外交部：反对单边制裁"
    assert article.body == ""


def test_encoding_override() -> None:
    data = "香港特區政府宣布新一輪消費券計劃".encode("big5")
    assert read(data, encoding="big5")[0].title == "香港特區政府宣布新一輪消費券計劃"
    with pytest.raises(InputRejected, match="klingon"):
        read(data, encoding="klingon")


def test_nul_bytes_and_truncated_last_character_do_not_lose_the_article() -> None:
    text = "北韓試射飛彈\n北韓今天上午朝東部海域發射短程彈道飛彈，國防部全程掌握。"
    data = text.encode()
    damaged = data[:9] + b"\x00" + data[9:] + b"\x00\n" + "新".encode()[:2]
    out = read_text(damaged, name="nul.txt", options=OPTIONS)
    assert out.articles == read(data, name="nul.txt")
    assert len(out.warnings) == 2


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n\n\t  \r\n", "\u3000\n\ufeff".encode(), b"abc", b"1234 5678\n---\n"],
)
def test_empty_and_blank_files_are_rejected(data: bytes) -> None:
    with pytest.raises(InputRejected, match="no article text"):
        read(data)


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, bytes(range(256)) * 40, b"\x7fELF" + bytes(500)],
)
def test_binary_files_named_txt_are_rejected(data: bytes) -> None:
    with pytest.raises(InputRejected):
        read(data, name="photo.txt")


def test_25_mb_one_line_file_neither_hangs_nor_exhausts_memory() -> None:
    sentence = "俄羅斯總統普京與朝鮮最高領導人金正恩13日在東方航天發射場會晤，".encode()
    data = sentence * (25_000_000 // len(sentence))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    [article] = read(data, name="huge.txt")
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert article.title.startswith("俄羅斯總統普京")
    assert len(article.title) <= 100
    assert len(article.body) == len(data.decode())
    assert grown_mb < 600


def test_a_tab_separated_word_list_is_not_taken_for_an_article():
    rows = "".join(f"詞語{i}\t詞彙{i}\n" for i in range(60))
    with pytest.raises(InputRejected, match="tab-separated"):
        read_text(("# 詞表\n" + rows).encode("utf-8"), name="TWPhrases.txt", options=ReadOptions())


def test_a_please_continue_reading_prompt_is_not_body_text():
    text = "美國宣布對俄新制裁\n2024年03月18日 09:12 國際\n來源：聯合新聞網\n"
    text += "美國財政部18日宣布對俄羅斯實施新一輪制裁，涉及逾500個實體。\n請繼續往下閱讀...\n"
    text += "制裁對象包括多家銀行與能源企業。\n"
    (article,) = read_text(text.encode("big5"), name="b.txt", options=ReadOptions()).articles
    assert "往下閱讀" not in article.body
    assert "制裁對象包括多家銀行與能源企業。" in article.body


def test_a_source_line_that_repeats_the_date_gives_the_source_and_leaves_the_body():
    text = (
        "標題測試新聞\n2024-03-18 09:12\n來源：聯合報 2024-03-18 作者：王小明\n"
        "美國財政部18日宣布對俄羅斯實施新一輪制裁，涉及逾500個實體。\n"
    )
    (article,) = read_text(text.encode(), name="x.txt", options=ReadOptions()).articles
    assert article.source == "聯合報"
    assert article.published_at == "2024-03-18T09:12:00+08:00"
    assert article.body == "美國財政部18日宣布對俄羅斯實施新一輪制裁，涉及逾500個實體。"


def test_a_latin_source_name_keeps_its_words():
    text = "Drones shot down overnight\n2025-11-16 08:00\nSource: Associated Press\n"
    text += "Ukraine's air force said on Sunday that it shot down 89 of 120 drones overnight.\n"
    (article,) = read_text(text.encode(), name="en.txt", options=ReadOptions()).articles
    assert article.source == "Associated Press"
