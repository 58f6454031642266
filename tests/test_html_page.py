"""The HTML reader: main text, metadata, page chrome kept out, hostile pages refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.model import ARTICLE, Article
from analysis.sources.base import InputRejected, ReadOptions
from analysis.sources.html_page import read_html

FIXTURES = Path(__file__).parent / "fixtures" / "readers"
PARAGRAPH = "俄羅斯總統普京與朝鮮最高領導人金正恩在東方航天發射場會晤，雙方討論了軍事技術合作。"
CHROME_MARKERS = (
    "SCRIPT",
    "NAV_TEXT",
    "ASIDE_TEXT",
    "FOOTER_TEXT",
    "HEADER_TEXT",
    "{",
    "版權",
    "版权",
)


def read(data: bytes, name: str = "page.html") -> Article:
    [article] = read_html(data, name=name, options=ReadOptions()).articles
    return article


def page(body: str, head: str = "") -> bytes:
    return f"<html><head>{head}</head><body>{body}</body></html>".encode()


def test_mainland_page_with_chrome() -> None:
    article = read((FIXTURES / "mainland_page.html").read_bytes())
    assert article.title == "外交部：坚决反对单边制裁"
    assert article.published_at == "2024-03-18T09:12:00+08:00"
    assert article.source == "新华网"
    assert article.url == "https://www.news.cn/world/2024-03/18/c_1130000000.htm"
    assert article.kind == ARTICLE
    assert article.lang == "zh-Hans"
    assert article.body.startswith("新华社北京3月18日电")
    assert "多国表示关切" in article.body.split("\n\n")
    assert "责任编辑" not in article.body
    for marker in CHROME_MARKERS:
        assert marker not in article.body


def test_taiwan_page_json_ld_date_and_site_name() -> None:
    article = read((FIXTURES / "tw_page.html").read_bytes())
    assert article.title == "國軍全程掌握北韓飛彈動態"
    assert article.published_at == "2025-08-17T18:26:00+08:00"
    assert article.source == "中央社 CNA"
    assert article.url == "https://www.cna.com.tw/news/aipl/202508170123.aspx"
    assert article.lang == "zh-Hant"
    assert len(article.body.split("\n\n")) == 3
    for marker in CHROME_MARKERS:
        assert marker not in article.body


@pytest.mark.parametrize(
    "head",
    [
        '<meta property="og:published_time" content="2023-09-13T19:20:00+08:00">',
        '<meta name="pubdate" content="2023-09-13 19:20">',
        '<meta name="publishdate" content="2023/09/13 19:20">',
        '<meta itemprop="datePublished" content="2023-09-13T11:20:00Z">',
        '<script type="application/ld+json">'
        '{"datePublished": "2023-09-13T19:20:00+08:00"}</script>',
    ],
)
def test_publication_date_metadata(head: str) -> None:
    article = read(page(f"<article><h1>北韓試射飛彈</h1><p>{PARAGRAPH}</p></article>", head))
    assert article.published_at is not None
    assert article.published_at.startswith("2023-09-13")


def test_time_element() -> None:
    time = '<time datetime="2023-09-13T19:20">x</time>'
    body = f"<article><h1>北韓試射飛彈</h1>{time}<p>{PARAGRAPH}</p></article>"
    assert read(page(body)).published_at == "2023-09-13T19:20:00+08:00"


def test_no_date_is_null() -> None:
    assert (
        read(page(f"<article><h1>北韓試射飛彈</h1><p>{PARAGRAPH}</p></article>")).published_at
        is None
    )


def test_title_falls_back_to_title_element_without_site_suffix() -> None:
    article = read(
        page(f"<div><p>{PARAGRAPH}</p></div>", "<title>普京會晤金正恩 - 聯合新聞網</title>")
    )
    assert article.title == "普京會晤金正恩"


def test_gb2312_labelled_page_with_gbk_characters() -> None:
    html = page(f"<p>朱镕基 喆 堃 报道。{PARAGRAPH}</p>", '<meta charset="gb2312">')
    article = read(html.decode().encode("gb18030"))
    assert "朱镕基 喆 堃 报道" in article.body


def test_big5_page() -> None:
    html = page(f"<h1>香港特區政府宣布</h1><p>{PARAGRAPH}</p>", '<meta charset="big5">')
    assert read(html.decode().encode("big5")).title == "香港特區政府宣布"


def test_nesting_255_levels_still_yields_the_article() -> None:
    html = (
        "<html><body>"
        + "<div>" * 255
        + f"<p>{PARAGRAPH * 8}</p>"
        + "</div>" * 255
        + "</body></html>"
    )
    assert PARAGRAPH in read(html.encode()).body


def test_deep_nesting_is_refused_with_a_reason() -> None:
    html = (
        "<html><body>"
        + "<div>" * 40_000
        + f"<p>{PARAGRAPH}</p>"
        + "</div>" * 40_000
        + "</body></html>"
    )
    with pytest.raises(InputRejected, match="nested"):
        read(html.encode())


def test_huge_html_is_refused() -> None:
    with pytest.raises(InputRejected, match="20 MB"):
        read(b"<html><body><p>" + b"a" * 20_000_001 + b"</p></body></html>")


@pytest.mark.parametrize(
    "html",
    [
        page("", "<script>" + "var tracker = 'x';" * 5000 + "</script>"),
        page("<script>document.write('广告广告广告广告广告');</script><style>p{color:red}</style>"),
        page("<nav><a href='/'>首页</a><a>国际</a></nav><footer>版权所有 © 2024</footer>"),
        b"",
        b"<html></html>",
    ],
)
def test_page_without_article_text_is_rejected(html: bytes) -> None:
    with pytest.raises(InputRejected, match="HTML page has no article text"):
        read(html)


def test_png_named_html_is_rejected() -> None:
    with pytest.raises(InputRejected, match="PNG"):
        read(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, name="news.html")


def test_japanese_page_is_flagged() -> None:
    text = "北朝鮮は13日、日本海に向けて弾道ミサイルを発射したと発表した。"
    html = page(f"<article><h1>北朝鮮がミサイル発射</h1><p>{text}</p></article>")
    out = read_html(html, name="ja.html", options=ReadOptions())
    assert out.articles[0].lang == "ja"
    assert any("not Chinese" in warning for warning in out.warnings)


def test_navigation_of_a_short_page_does_not_reach_the_body():
    page = (
        "<html><head><title>x</title></head><body><nav>首頁 國際 財經</nav><article>"
        "<h1>普京抵平壤</h1><p>俄羅斯總統普京19日凌晨抵達平壤，與朝鮮領導人金正恩舉行會談。"
        "雙方簽署全面戰略夥伴關係條約。</p><p>這是普京24年來首次訪問朝鮮。</p></article>"
        "<aside>熱門新聞 廣告</aside><footer>版權所有</footer></body></html>"
    )
    (article,) = read_html(page.encode(), name="e.html", options=ReadOptions()).articles
    assert article.title == "普京抵平壤"
    for chrome in ("首頁", "熱門新聞", "版權所有"):
        assert chrome not in article.body
    assert "這是普京24年來首次訪問朝鮮。" in article.body
