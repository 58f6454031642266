"""The daily-digest reader (CCTV 《新闻联播》 layout): one article per story."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analysis.sources.base import InputRejected, ReadOptions
from analysis.sources.digest import SOURCE, read_digest

OPTIONS = ReadOptions()

DIGEST = """# 《新闻联播》 (20240619)

## 新闻摘要

本期节目主要内容：

1.李强同马来西亚总理会谈；

2.国际联播快讯：

（1）俄总统普京对朝鲜进行国事访问；

## 详细新闻

### 李强同马来西亚总理会谈

<p><strong>央视网消息</strong>（新闻联播）：欢迎仪式后，李强同安瓦尔举行会谈。</p><p>李强表示，今年是中马建交50周年&amp;“中马友好年”。<br>第二行</p>

[查看原文](https://tv.cctv.com/2024/06/19/VIDEa.shtml)

### 以军称实施军事行动

<p><strong>央视网消息</strong>（新闻联播）：以色列国防军18日称。</p><p><strong>以军已批准计划</strong></p><p>以色列军方18日说。</p>

[查看原文](https://tv.cctv.com/2024/06/19/VIDEb.shtml)

### 国际联播快讯

<p><strong>央视网消息</strong>（新闻联播）：<br></p><p><strong>联合国月球活动会议在维也纳举行</strong><br></p><p>联合国外层空间事务司18日举办会议。</p><p><strong>俄总统普京对朝鲜进行国事访问</strong></p><p>俄罗斯总统普京今天抵达平壤。</p><p>普京和金正恩签署条约。</p>

[查看原文](https://tv.cctv.com/2024/06/19/VIDEc.shtml)

### 国内联播快讯

<p><strong>央视网消息（新闻联播）：</strong></p><p><strong>黄茅海跨海通道今天全线贯通</strong></p><p>今天，黄茅海跨海通道全线贯通。</p>

[查看原文](https://tv.cctv.com/2024/06/19/VIDEd.shtml)

### 国际联播快讯



[查看原文](https://tv.cctv.com/2024/06/19/VIDEe.shtml)



---

(更新时间戳: 1718801674527)
"""


def _read(text: str, name: str = "20240619.md"):
    return read_digest(text.encode("utf-8"), name=name, options=OPTIONS)


def test_one_article_per_story_and_per_bundled_sub_story() -> None:
    out = _read(DIGEST)
    titles = [a.title for a in out.articles]
    assert titles == [
        "李强同马来西亚总理会谈",
        "以军称实施军事行动",
        "联合国月球活动会议在维也纳举行",
        "俄总统普京对朝鲜进行国事访问",
        "黄茅海跨海通道今天全线贯通",
    ]
    assert [a.origin for a in out.articles] == [f"20240619.md#{i}" for i in range(1, 6)]
    # the empty bundle is reported, not stored
    assert any("has no text" in w for w in out.warnings)


def test_fields_of_a_story() -> None:
    first = _read(DIGEST).articles[0]
    assert first.published_at == "2024-06-19"
    assert first.source == SOURCE
    assert first.category is None
    assert first.url == "https://tv.cctv.com/2024/06/19/VIDEa.shtml"
    assert first.lang == "zh-Hans"
    assert first.body == (
        "欢迎仪式后，李强同安瓦尔举行会谈。\n\n李强表示，今年是中马建交50周年&“中马友好年”。\n第二行"
    )


def test_bundles_get_their_category_and_share_the_url() -> None:
    articles = _read(DIGEST).articles
    assert [a.category for a in articles] == [None, None, "国际", "国际", "国内"]
    assert articles[3].url == "https://tv.cctv.com/2024/06/19/VIDEc.shtml"
    assert articles[3].body == "俄罗斯总统普京今天抵达平壤。\n\n普京和金正恩签署条约。"
    assert articles[4].body == "今天，黄茅海跨海通道全线贯通。"


def test_sub_headings_of_an_ordinary_story_stay_in_its_body() -> None:
    story = _read(DIGEST).articles[1]
    assert story.body == "以色列国防军18日称。\n\n以军已批准计划\n\n以色列军方18日说。"


def test_no_markup_timestamps_or_summary_in_bodies() -> None:
    for article in _read(DIGEST).articles:
        assert "<" not in article.body and "更新时间戳" not in article.body
        assert "查看原文" not in article.body and "本期节目" not in article.body
        assert not article.body.startswith("央视网消息")


def test_date_from_the_file_name_when_the_heading_has_none() -> None:
    text = DIGEST.replace("# 《新闻联播》 (20240619)", "# 新闻")
    out = _read(text, name="news/20230601.md")
    assert {a.published_at for a in out.articles} == {"2023-06-01"}
    out = _read(text, name="news/latest.md")
    assert {a.published_at for a in out.articles} == {None}
    assert any("no date" in w for w in out.warnings)


def test_a_file_without_story_sections_is_rejected() -> None:
    with pytest.raises(InputRejected, match="no `### ` story sections"):
        _read("# 标题\n\n正文一段。\n")
    with pytest.raises(InputRejected):
        read_digest(b"\x89PNG\r\n\x1a\n\x00\x00", name="x.md", options=OPTIONS)


def test_script_text_never_reaches_the_body() -> None:
    text = "### 标题\n\n<p>正文。</p><script>alert(1)</script><style>p{}</style>\n"
    (article,) = _read(text).articles
    assert article.body == "正文。"


def test_the_xwlb_corpus(corpora: Path) -> None:
    files = sorted((corpora / "xwlb-cctv-zh-hans" / "news").glob("*.md"))
    assert len(files) == 727
    articles = []
    for path in files:
        articles.extend(read_digest(path.read_bytes(), name=path.name, options=OPTIONS).articles)
    # The ### sections that hold text (one url each) are the "about 10,000" of the issue
    # (5,100 a year in SOURCE.md); splitting the 快讯 bundles adds about 6,300 sub-stories.
    sections = {(a.origin.split("#")[0], a.url) for a in articles}
    assert 9_000 <= len(sections) <= 11_500
    assert 14_000 <= len(articles) <= 16_500
    tag = re.compile(r"<[A-Za-z/!]")
    for article in articles:
        assert article.title
        assert article.body and not tag.search(article.body)
        assert article.url and article.url.startswith("https://")
        assert article.published_at and re.fullmatch(r"\d{4}-\d\d-\d\d", article.published_at)
    bundled = [a for a in articles if a.category]
    assert {a.category for a in bundled} == {"国内", "国际"}
