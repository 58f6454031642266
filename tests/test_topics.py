"""Topics: rules from TOML, user topics from $NEWSLENS_TOPICS."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.language.topics import (
    Rule,
    Topic,
    TopicsError,
    load_topics,
    parse_topics,
)
from tests.language_helpers import assign_topics


def test_built_in_topics_have_labels_in_three_languages() -> None:
    topics = load_topics()
    assert {"russia-dprk", "ukraine-war", "korean-peninsula", "middle-east"} <= {
        t.id for t in topics
    }
    assert all(t.label_zh_hans and t.label_zh_hant and t.label_en for t in topics)


def test_russia_dprk_needs_both_countries() -> None:
    assert "russia-dprk" in assign_topics("俄朝会晤", {"russia", "north-korea"})
    assert "russia-dprk" not in assign_topics("俄罗斯新闻", {"russia"})


def test_ukraine_war_by_keyword_or_by_both_countries() -> None:
    assert "ukraine-war" in assign_topics("乌克兰遭无人机袭击", {"ukraine"})
    assert "ukraine-war" not in assign_topics("乌克兰举办音乐节", {"ukraine"})
    assert "ukraine-war" in assign_topics("会谈", {"russia", "ukraine"})


def test_keywords_match_traditional_text_through_its_simplified_key() -> None:
    topics = parse_topics('[[topic]]\nid = "t"\nany_keywords = ["貿易戰"]\n', source="inline")
    assert assign_topics("中美贸易战升级", set(), topics=topics) == ("t",)


def test_min_keyword_hits_counts_every_occurrence() -> None:
    topics = parse_topics(
        '[[topic]]\nid = "t"\nany_keywords = ["关税"]\nmin_keyword_hits = 2\n', source="inline"
    )
    assert assign_topics("关税", set(), topics=topics) == ()
    assert assign_topics("关税，又是关税", set(), topics=topics) == ("t",)


def test_a_topic_without_conditions_matches_nothing() -> None:
    topics = parse_topics('[[topic]]\nid = "empty"\n', source="inline")
    assert assign_topics("任何文字", {"russia"}, topics=topics) == ()


def test_user_topics_are_added_and_can_replace_or_disable_built_ins(tmp_path: Path) -> None:
    extra = tmp_path / "mine.toml"
    extra.write_text(
        '[[topic]]\nid = "chips"\nlabel_en = "Chips"\nany_keywords = ["芯片", "半導體"]\n'
        '[[topic]]\nid = "russia-dprk"\nenabled = false\n',
        encoding="utf-8",
    )
    topics = load_topics(extra)
    assert "chips" in {t.id for t in topics} and "russia-dprk" not in {t.id for t in topics}
    assert "chips" in assign_topics("半导体出口管制", set(), topics=topics)


def test_a_mistyped_rule_is_an_error_naming_the_file_and_topic() -> None:
    with pytest.raises(TopicsError, match=r"mine\.toml: topic x: unknown key\(s\) any_entity"):
        parse_topics('[[topic]]\nid = "x"\nany_entity = ["russia"]\n', source="mine.toml")


_IDS = ("russia", "ukraine", "north-korea", "china")
_WORDS = ("导弹", "导弹试射", "关税", "制裁", "峰会")
_id_sets = st.frozensets(st.sampled_from(_IDS), max_size=2)
_word_tuples = st.lists(st.sampled_from(_WORDS), max_size=2, unique=True).map(tuple)


def _rules_with(**more: st.SearchStrategy) -> st.SearchStrategy[Rule]:
    return st.builds(
        Rule,
        all_entities=_id_sets,
        any_entities=_id_sets,
        none_entities=_id_sets,
        any_keywords=_word_tuples,
        none_keywords=_word_tuples,
        **more,
    )


_sub_rules = _rules_with(min_keyword_hits=st.integers(1, 2))
_rules = _rules_with(any_of=st.lists(_sub_rules, max_size=2).map(tuple))


@given(
    rules=st.lists(_rules, min_size=1, max_size=4),
    text=st.lists(st.sampled_from((*_WORDS, "，", "试射", "俄罗斯")), max_size=6).map("".join),
    ids=st.frozensets(st.sampled_from(_IDS)),
)
def test_the_topic_index_never_drops_a_topic_whose_rule_matches(
    rules: list[Rule], text: str, ids: frozenset[str]
) -> None:
    topics = tuple(
        Topic(id=f"t{n}", label_zh_hans="", label_zh_hant="", label_en="", rule=r)
        for n, r in enumerate(rules)
    )
    expected = tuple(t.id for t in topics if t.rule.matches(text, ids))
    assert assign_topics(text, ids, topics=topics) == expected


def test_the_command_line_merges_the_topics_file_named_by_newslens_topics(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from analysis.cli import main

    extra = tmp_path / "mine.toml"
    extra.write_text('[[topic]]\nid = "chips"\nany_keywords = ["半導體"]\n', encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("半導體出口管制\n\n美國宣布新的半導體出口管制措施。\n", encoding="utf-8")
    monkeypatch.setenv("NEWSLENS_TOPICS", str(extra))
    assert main(["analyze", str(article), "--json"]) == 0
    assert '"chips"' in capsys.readouterr().out


_CHIPS = [
    "台積電公布第三季財報",
    "台積電今天公布財報，營收創下新高。",
    "公司表示，先進製程需求強勁。",
    "法人預估明年資本支出將持續增加。",
    "{extra}",
    "分析師認為，AI伺服器訂單仍是主要動能。",
]


def _topics_of(*sentences: str) -> tuple[str, ...]:
    from analysis.model import Article
    from tests.language_helpers import analyze_article

    title, *body = sentences
    return analyze_article(Article(title=title, body="".join(body), lang="zh-Hant")).topics


def test_a_passing_mention_does_not_make_an_article_about_a_topic() -> None:
    passing = [s.format(extra="另外，韓國三星也在擴產。") for s in _CHIPS]
    assert "korean-peninsula" not in _topics_of(*passing)
    in_title = ["北韓試射彈道飛彈", *passing[1:]]
    assert "korean-peninsula" in _topics_of(*in_title)
    repeated = [s.format(extra="北韓昨天再度試射。北韓官媒稱試射成功。") for s in _CHIPS]
    assert "korean-peninsula" in _topics_of(*repeated)


def test_south_korea_alone_is_not_the_korean_peninsula() -> None:
    rain = ["韓國連日降雨", "韓國連日降雨引發災害。", "韓國政府表示，已有24人死亡。"]
    assert "korean-peninsula" not in _topics_of(*rain)
    drills = ["韓美舉行聯合軍演", "韓國與美國今天舉行聯合軍演。"]
    assert "korean-peninsula" in _topics_of(*drills)


def _whole_words(text: str, keyword: str) -> bool:
    from analysis.language.topics import is_whole_words
    from tests.language_helpers import analyzer_for

    words = analyzer_for().segment(text).words
    starts = [0]
    for word in words:
        starts.append(starts[-1] + len(word))
    at = text.index(keyword)
    return is_whole_words(at, at + len(keyword), starts)


def test_a_keyword_counts_where_it_is_a_word_or_begins_a_compound() -> None:
    assert _whole_words("加沙地带南部遭空袭", "加沙")
    assert _whole_words("双方签署停火协议", "停火")
    assert _whole_words("海南自贸港实行零关税政策", "关税")
    assert _whole_words("伊朗不会寻求将其核项目军事化", "核项目")  # cut 其核/项目
    assert not _whole_words("有人质疑这项政策", "人质")
    assert not _whole_words("冷空气将给中东部带来大风降温", "中东")
    assert not _whole_words("保障性住房有关税费政策自今日起执行", "关税")
    assert not _whole_words("中美洲国家遭遇飓风", "中美")


_COLD = [
    "冷空气将给中东部带来大风降温",
    "中央气象台预计，今天起冷空气将影响我国中东部地区。",
    "中东部大部地区气温将下降6到8摄氏度。",
    "华北、黄淮等地有小到中雪。",
    "气象部门提醒公众注意防寒保暖。",
]


def test_a_keyword_inside_another_word_does_not_make_a_topic() -> None:
    from analysis.language.text import to_traditional

    assert "middle-east" not in _topics_of(*_COLD)
    assert "middle-east" not in _topics_of(*(to_traditional(s) for s in _COLD))
    housing = [
        "保障性住房有关税费政策自今日起执行",
        "财政部、税务总局发布保障性住房有关税费政策公告。",
        "公告明确，保障性住房项目建设用地免征城镇土地使用税，有关税费减免自今日起执行。",
        "住房城乡建设部表示，将会同有关部门做好政策落实。",
    ]
    assert "us-trade" not in _topics_of(*housing)
    middle_east = ["中东局势持续紧张", *_COLD[1:3], "中东多国呼吁停火。", "中东问题专家表示担忧。"]
    assert "middle-east" in _topics_of(*middle_east)


def test_missiles_fired_in_a_war_are_not_the_nuclear_and_missile_topic() -> None:
    front = [
        "俄称击落乌军导弹 乌称打击俄指挥所",
        "俄罗斯国防部称，俄防空系统击落乌军发射的4枚导弹。",
        "乌克兰方面称，乌军使用“海马斯”火箭炮打击了俄军指挥所。",
        "俄军称，乌军还向别尔哥罗德州发射了导弹。",
        "乌方称，俄军用导弹袭击了基辅。",
    ]
    assert "nuclear-missile" not in _topics_of(*front)
    iran = [
        "伊朗表示不会寻求将其核项目军事化",
        "伊朗外交部发言人5日表示，伊朗不会寻求将其核项目军事化。",
        "伊朗准备通过外交途径解决有关其核项目的问题。",
    ]
    assert "nuclear-missile" in _topics_of(*iran)


def test_a_peak_caption_comes_from_an_article_on_the_topic(tmp_path: Path) -> None:
    from analysis.model import AnalyzedArticle, Article, Filter
    from analysis.queries.coverage import timeline_peaks
    from analysis.store.batches import Batch, Store

    def article(title: str, day: str, topics: tuple[str, ...], terms: dict[str, int]):
        return AnalyzedArticle(
            Article(title=title, body=title, published_at=f"{day}T10:00:00+08:00", lang="zh-Hant"),
            topics=topics,
            terms=terms,
        )

    strait = ("taiwan-strait",)
    drills = {"台海": 2, "军演": 3, "解放军": 2}
    rows = [
        article("解放軍在台海周邊軍演", "2025-11-10", strait, drills),
        article("國防部監控共軍台海軍演", "2025-11-11", strait, {"台海": 1, "军演": 1}),
        article("陸委會談台海情勢", "2025-11-12", strait, {"台海": 1}),
        # the same week, the most distinctive words, and not about the Taiwan Strait
        article("藝人王大陸閃兵案開庭", "2025-11-12", (), {**drills, "王大陆": 5, "闪兵": 4}),
        article("陸委會例行記者會", "2025-10-06", strait, {"陆委会": 1}),
        article("天氣轉涼", "2025-10-13", (), {"天气": 1}),
        article("颱風接近", "2025-10-20", (), {"台风": 1}),
    ]
    store = Store(tmp_path / "store")
    store.write_batch(Batch(analyzed=rows))
    peaks = timeline_peaks(store, Filter(), interval="week", topics=strait)
    assert list(peaks["period"]) == ["2025-11-10"]
    assert peaks["title"][0] == "解放軍在台海周邊軍演"


def test_the_lead_meets_a_rule_only_where_its_parts_stand_in_one_sentence() -> None:
    forum = [
        "世界经济论坛报告呼吁加强全球合作",
        "世界经济论坛7日发布报告认为，受地缘政治竞争和冲突加剧影响，全球合作水平急剧下降。",
        "2023年，受中东、乌克兰和苏丹等地区危机影响，人道主义危机达到前所未有的严重程度。",
        "报告呼吁各国在贸易、创新和气候等领域加强合作。",
        "报告还说，人工智能领域的合作正在增加。",
    ]
    assert "ukraine-war" not in _topics_of(*forum)
    front = [
        "世界经济论坛报告呼吁加强全球合作",
        "报告说，乌克兰冲突加剧影响了全球合作。",
        *forum[2:],
    ]
    assert "ukraine-war" in _topics_of(*front)


def test_taiwan_strait_is_cross_strait_words_not_every_dalu() -> None:
    actor = [
        "快訊／閃兵案王大陸當庭認罪盼從輕量刑",
        "藝人王大陸涉入閃兵案，今天在新北地院當庭認罪。",
        "王大陸表示，願意繳納罰金。",
        "法官諭知下次開庭時間。",
    ]
    assert "taiwan-strait" not in _topics_of(*actor)
    statement = [
        "外交部：坚决反对“台独”分裂活动",
        "外交部发言人今天表示，中方坚决反对任何形式的“台独”分裂活动。",
        "发言人说，这是对“台独”势力的严重警告。",
        "发言人还回答了其他问题。",
    ]
    assert "taiwan-strait" in _topics_of(*statement)


def test_us_china_is_not_every_taiwan_story_naming_both() -> None:
    spat = [
        "中日衝突越演越烈",
        "日本首相高市早苗的「台灣有事」言論，引發北京強烈反彈。",
        "中國還從觀光、留學等方面施壓日本。",
        "美國退將表示，若中國成功脅迫台灣，勢必對日本構成威脅。",
        "義大利媒體分析，若美國勢力淡出亞太，日本也可能聯合南韓制衡中國，保衛台灣。",
    ]
    assert "us-china" not in _topics_of(*spat)
    summit = [
        "川習會未談台灣 吳志中：台灣不應成為籌碼",
        "外交部政務次長吳志中接受捷克媒體專訪。",
        "吳志中強調，台灣不應成為任何雙邊談判的籌碼。",
        "他也談到半導體合作。",
    ]
    assert {"us-china", "taiwan-strait"} <= set(_topics_of(*summit))
