"""Encoding detection: BOMs, strict UTF-8, GB18030/Big5 told apart, binary refused."""

from __future__ import annotations

import codecs

import pytest

from analysis.sources.base import InputRejected
from analysis.sources.charsets import codec_for_label
from analysis.sources.encoding import decode

GBK_HEADLINE = "外交部：反对单边制裁"  # reliability.md F-1
BIG5_NEWS = "香港特區政府宣布，將推出新一輪消費券計劃"  # F-3
SIMPLIFIED = "俄罗斯总统普京与朝鲜最高领导人金正恩13日在俄罗斯东方航天发射场会晤。"
TRADITIONAL = "俄羅斯總統普京與朝鮮最高領導人金正恩13日在俄羅斯東方航天發射場會晤。"


def test_utf8_with_and_without_bom() -> None:
    assert decode(SIMPLIFIED.encode(), name="a").text == SIMPLIFIED
    assert decode(codecs.BOM_UTF8 + SIMPLIFIED.encode(), name="a").text == SIMPLIFIED


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(codec: str) -> None:
    data = TRADITIONAL.encode(codec)
    if codec.endswith(("le", "be")):
        data = (codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE) + data
    assert decode(data, name="a").text == TRADITIONAL


def test_utf16_without_bom_when_long_enough() -> None:
    assert decode(SIMPLIFIED.encode("utf-16-le"), name="a").text == SIMPLIFIED


def test_gbk_short_headline_is_detected() -> None:
    decoded = decode(GBK_HEADLINE.encode("gbk"), name="gbk_short_headline.txt")
    assert decoded.text == GBK_HEADLINE
    assert decoded.encoding == "gb18030"


def test_big5_is_not_taken_for_gb18030() -> None:
    decoded = decode(BIG5_NEWS.encode("big5"), name="big5_news.txt")
    assert decoded.text == BIG5_NEWS
    assert "香港特區政府" in decoded.text


def test_big5hkscs_character() -> None:
    data = "香港新聞：".encode("big5") + b"\x9d\xb7" + "報道完畢".encode("big5")
    assert "\U00023cb7" in decode(data, name="a").text


@pytest.mark.parametrize(
    ("text", "codec"),
    [(SIMPLIFIED, "gbk"), (SIMPLIFIED, "gb18030"), (TRADITIONAL, "gb18030"), (TRADITIONAL, "big5")],
)
def test_legacy_chinese_round_trips(text: str, codec: str) -> None:
    assert decode(text.encode(codec), name="a").text == text


def test_gb2312_label_decodes_gbk_characters() -> None:
    page = '<meta charset="gb2312"><p>朱镕基 喆 堃 报道</p>'
    decoded = decode(page.encode("gbk"), name="f2.html", hint="gb2312")
    assert "朱镕基 喆 堃 报道" in decoded.text


def test_a_big5_page_labelled_gb2312_is_still_read_as_big5() -> None:
    decoded = decode(BIG5_NEWS.encode("big5"), name="a.html", hint="gb2312")
    assert decoded.text == BIG5_NEWS


def test_whatwg_labels() -> None:
    for label in ("gb2312", "GBK", "x-gbk", "chinese", "csGB2312", "gb18030"):
        assert codec_for_label(label) == "gb18030"
    for label in ("big5", "Big5-HKSCS", "cn-big5", "x-x-big5"):
        assert codec_for_label(label) == "big5hkscs"
    assert codec_for_label("latin1") == "cp1252"
    assert codec_for_label("hz-gb-2312") is None  # WHATWG "replacement"


def test_override_wins_and_a_bad_override_is_named() -> None:
    data = TRADITIONAL.encode("big5")
    assert decode(data, name="a", override="big5").text == TRADITIONAL
    with pytest.raises(InputRejected, match="no-such-codec"):
        decode(data, name="a", override="no-such-codec")


def test_override_that_does_not_fit_is_a_rejection() -> None:
    with pytest.raises(InputRejected, match="cannot decode as utf-8"):
        decode(TRADITIONAL.encode("big5"), name="a", override="utf-8")


def test_nul_bytes_are_dropped_and_truncated_last_character_too() -> None:
    data = SIMPLIFIED.encode()
    damaged = data[:10] + b"\x00" + data[10:30] + b"\x00\x00" + data[30:] + "新".encode()[:2]
    decoded = decode(damaged, name="nul.txt")
    assert decoded.text == SIMPLIFIED
    assert any("NUL" in warning for warning in decoded.warnings)
    assert any("truncated" in warning for warning in decoded.warnings)


def test_a_few_broken_bytes_in_utf8_do_not_lose_the_text() -> None:
    data = (SIMPLIFIED * 5).encode()
    damaged = data[:39] + b"\xff" + data[39:]  # at a character boundary
    assert decode(damaged, name="a").text == SIMPLIFIED * 5


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG"),
        (b"%PDF-1.7\n" + bytes(200), "PDF"),
        (bytes(range(256)) * 20, "binary"),
        (b"\x00\x01\x02\x03" * 500, "binary"),
    ],
)
def test_binary_data_is_rejected_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(InputRejected, match=reason):
        decode(data, name="binary.txt")


def test_japanese_and_korean_encodings_are_not_chinese() -> None:
    japanese = "北朝鮮は14日、日本海に向けて短距離弾道ミサイルを発射したと韓国軍が発表した。"
    for codec in ("shift_jis", "euc-jp"):
        assert decode(japanese.encode(codec), name="ja.txt").text == japanese
    korean = "북한은 14일 동해상으로 단거리 탄도미사일을 발사했다고 합동참모본부가 밝혔다."
    assert decode(korean.encode("euc-kr"), name="ko.txt").text == korean
