"""Regression tests for the event rules tuned on the gold set (docs/QUALITY.md): headlines that
restate the body, coordinated objects, ranges, meetings, plans and credits. The sentences are
written for these tests in the style of the sources; none is copied from a gold article."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.language.event_vocabulary import load_vocabulary
from analysis.language.sentences import split_sentences
from analysis.language.text import to_simplified, to_traditional
from tests.conftest import ROOT, SEED
from tests.language_helpers import extract_events, find_mentions

SAMPLE_TEXTS = sorted((ROOT / "data" / "sample" / "written").glob("*.*"))


def events_of(text: str) -> list[tuple[str, int | None]]:
    return [(e.type, e.quantity) for e in extract_events(text, find_mentions(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # title approximate, body exact: one interception
        (
            "俄称拦截150多架乌无人机\n\n俄罗斯国防部10日称，俄防空部队过去一夜拦截了156架乌克兰无人机。",
            [("interception", 156)],
        ),
        # title without a count, body with one
        (
            "朝鲜向东部海域发射弹道导弹\n\n韩国联合参谋本部说，朝鲜当天上午向东部海域发射了2枚短程弹道导弹。",
            [("missile_launch", 2)],
        ),
        # Traditional script, title and body name the attacker differently (以色列 / 以軍)
        (
            "以色列空襲黎巴嫩南部\n\n以軍12日空襲黎巴嫩南部多個村莊，造成至少6人死亡。",
            [("airstrike", None), ("killed", 6)],
        ),
    ],
)
def test_a_headline_restating_the_body_is_one_event(
    text: str, expected: list[tuple[str, int | None]]
) -> None:
    assert events_of(text) == expected


def test_a_first_line_ending_in_a_full_stop_is_not_a_headline() -> None:
    text = "朝鲜当天发射了1枚导弹。\n\n另据报道，朝鲜次日又发射了3枚导弹。"
    assert events_of(text) == [("missile_launch", 1), ("missile_launch", 3)]


def test_a_range_counts_its_lower_bound() -> None:
    text = "当地一家商场发生爆炸，造成3人死亡、20—30人受伤。"
    assert events_of(text) == [("killed", 3), ("injured", 20)]


def test_two_objects_of_one_verb_are_two_events() -> None:
    text = "乌克兰空军称，俄军夜间出动80架无人机和5枚弹道导弹，乌方击落其中61架无人机和3枚导弹。"
    assert sorted(events_of(text), key=str) == sorted(
        [
            ("drone_attack", 80),
            ("missile_launch", 5),
            ("interception", 61),
            ("interception", 3),
        ],
        key=str,
    )


def test_a_vague_first_object_leaves_the_second_its_count() -> None:
    text = "俄军在别尔哥罗德州上空击落数十枚火箭弹和至少4架无人机。"
    assert sorted(events_of(text), key=str) == [("interception", 4), ("interception", None)]


def test_an_aircraft_after_drones_is_damage() -> None:
    text = "俄防空系统击落43架无人机和1架苏-25战机。"
    assert sorted(events_of(text), key=str) == [("damage", 1), ("interception", 43)]


def test_an_uncounted_air_raid_in_a_counted_wave_is_that_wave() -> None:
    text = "俄军夜间对乌克兰发动大规模空袭，共出动120架无人机。"
    assert events_of(text) == [("drone_attack", 120)]


def test_missiles_and_drones_without_counts_are_a_strike_and_a_drone_attack() -> None:
    text = "乌克兰首都基辅今天凌晨遭俄军导弹和无人机袭击。"
    assert sorted(events_of(text), key=str) == [("airstrike", None), ("drone_attack", None)]


def test_a_strike_on_named_targets_is_an_airstrike() -> None:
    assert events_of("俄军当天打击了乌克兰军用机场基础设施和弹药库等目标。") == [
        ("airstrike", None)
    ]


def test_people_hurt_in_a_coordination_are_added_up() -> None:
    text = "一枚炮弹在哨所附近爆炸，导致2名维和人员和一名当地翻译受伤。"
    assert sorted(events_of(text), key=str) == [("injured", 3), ("shelling", 1)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("爆炸造成五人死亡、三名警察和两名平民受伤。", [("killed", 5), ("injured", 5)]),
        ("事故造成3人受伤、5人死亡。", [("injured", 3), ("killed", 5)]),
        ("袭击造成2名士兵和3名平民死亡，另有4人受伤。", [("killed", 5), ("injured", 4)]),
    ],
)
def test_only_counts_of_one_outcome_are_added(
    text: str, expected: list[tuple[str, int | None]]
) -> None:
    assert events_of(text) == expected


def test_uncounted_injuries_repeating_counted_ones_are_not_a_second_event() -> None:
    text = "一枚火箭弹击中边境哨所，造成4人受伤。军方随后称，是敌方无人机袭击导致人员受伤。"
    assert ("injured", None) not in events_of(text)
    assert ("injured", 4) in events_of(text)


def test_the_same_count_in_two_places_is_two_reports() -> None:
    text = "埃尔比勒一处住宅遭袭，造成4人死亡。另据报道，基辅一处居民楼遭袭，造成4人死亡。"
    assert events_of(text).count(("killed", 4)) == 2


@pytest.mark.parametrize(
    "text",
    [
        "中俄两国外长预定下月在北京会面。",
        "双方同意在一方遭受侵略时互相提供军事援助。",
        "特朗普宣布取消原定与普京举行的峰会。",
        "阿拉伯国家表示有意派兵加入国际部队。",
        "安理会决议授权部署国际维稳部队。",
        "泽连斯基与马克龙签署意向书，由法国出售100架阵风战机给乌克兰。",
        "国家主席习近平抵达巴西利亚，应邀同巴西总统举行会晤。",
        "多家美国无人机供应商正将台湾视为合作伙伴。",
        "（国防部提供） 国防部长视察无人机训练中心。",
        "神舟飞船航天员从返回舱进入轨道舱。",
    ],
)
def test_planned_agreed_and_ahead_are_not_events(text: str) -> None:
    assert events_of(text) == []


def test_arriving_and_then_meeting_is_a_meeting() -> None:
    assert events_of("苏丹总统布尔汉抵达开罗，并与埃及总统塞西举行会谈。") == [("summit", None)]


def test_arriving_to_begin_a_state_visit_is_a_summit() -> None:
    text = "俄罗斯总统普京今天抵达平壤，开始对朝鲜进行国事访问。"
    assert events_of(text) == [("summit", None)]


def test_according_to_plan_is_not_a_hedge() -> None:
    assert events_of("俄军按计划向白俄罗斯部署了约3000名士兵。") == [("troop_deployment", 3000)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("俄军将发射10枚巡航导弹。", []),  # 将 + verb: future
        ("乌军上将说，俄军发射了10枚巡航导弹。", [("missile_launch", 10)]),  # 上将: a general
        ("乌军一名上将称俄军发射了10枚巡航导弹。", [("missile_launch", 10)]),  # same clause
    ],
)
def test_jiang_is_future_only_before_a_verb(text: str, expected: list) -> None:
    assert events_of(text) == expected


def test_ministers_meeting_twice_is_one_talks() -> None:
    text = (
        "中伊外长举行会谈\n\n外交部长王毅8日在北京同伊朗外长阿拉格齐举行会谈。"
        "王毅与阿拉格齐的会谈持续约一小时。"
    )
    assert events_of(text) == [("talks", None)]


def test_a_title_naming_the_host_does_not_swallow_a_second_meeting() -> None:
    text = (
        "美伊代表团在阿曼举行会谈\n\n在阿曼方面斡旋下，美国和伊朗代表团今天在马斯喀特开始会谈。"
        "阿曼外交部早些时候称，阿曼、英国、伊朗三方代表今天也进行了会谈。"
    )
    assert events_of(text) == [("talks", None), ("talks", None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("朝鲜国务委员长金正恩与普京在东方航天发射场会面。", "summit"),
        ("全国人大常委会委员长赵乐际在北京会见希腊总理。", "talks"),
        ("美韩举行第56次安全协商会议。", "talks"),
    ],
)
def test_meeting_level_follows_the_titles(text: str, expected: str) -> None:
    assert [t for t, _ in events_of(text)] == [expected]


def test_this_is_the_nth_launch_is_not_another_launch() -> None:
    text = "朝鲜12日发射了1枚弹道导弹。这是朝鲜今年第5次试射导弹。"
    assert events_of(text) == [("missile_launch", 1)]


def test_sanctions_count_the_targets_in_the_clause_once() -> None:
    text = "美国财政部宣布对5家帮助伊朗规避制裁的公司实施制裁。"
    assert events_of(text) == [("sanctions", 5)]


def test_a_satellite_put_into_orbit_is_a_launch() -> None:
    text = "朝鲜宣布，运载火箭成功将侦察卫星送入轨道。"
    assert [t for t, _ in events_of(text)] == ["satellite_launch"]


def test_troops_sent_in_the_passive_are_a_deployment():
    found = [
        (e.type, e.quantity)
        for e in extract_events("俄國防部表示，另有500多名士兵被派往前線。", [])
    ]
    assert found == [("troop_deployment", 500)]


# --- `needs`: a rule is tried only on sentences holding one of its needs ------------------

_VOCABULARY = load_vocabulary()
_NEEDED = "".join(sorted({c for rule in _VOCABULARY.rules for need in rule.needs for c in need}))
SENTENCES = st.text(alphabet=_NEEDED + "枚架名人艘俄乌军方0123456789，。和被了", max_size=40)


def _needs_hold(sentence: str) -> list[str]:
    """The patterns that match `sentence` although it holds none of their needs."""
    return [
        rule.pattern.pattern
        for rule in _VOCABULARY.rules
        if rule.needs
        and rule.pattern.search(sentence)
        and not any(need in sentence for need in rule.needs)
    ]


@settings(max_examples=500, deadline=None)
@given(SENTENCES)
def test_no_rule_matches_a_sentence_without_one_of_its_needs(sentence: str) -> None:
    assert _needs_hold(sentence) == []


def test_the_needs_hold_on_every_sentence_of_the_seed_and_samples() -> None:
    texts = [SEED.read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8", errors="replace") for p in SAMPLE_TEXTS]
    sentences = [
        to_simplified(text[start:end])
        for text in texts
        for start, end in split_sentences(to_simplified(text))
    ]
    assert len(sentences) > 100
    assert [s for s in sentences if _needs_hold(s)] == []


def test_a_sentence_is_tried_with_the_rules_whose_needs_it_holds() -> None:
    index = _VOCABULARY.index
    key = "俄军称击落3架无人机"
    tried = index.rules_for(key, 0, len(key))
    assert {r.type for r in tried} >= {"interception"}
    assert all(not r.needs or any(n in key for n in r.needs) for r in tried)
    assert index.rules_for("天气晴朗", 0, 4) == [r for r in _VOCABULARY.rules if not r.needs]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a phone or video call between leaders is talks, not a summit
        ("国家主席习近平应约同法国总统马克龙通电话。", [("talks", None)]),
        # a state or official visit by a leader is a summit; by a speaker, talks
        ("肯尼亚总统鲁托今天抵达北京，开始对中国进行国事访问。", [("summit", None)]),
        (
            "全国人大常委会委员长赵乐际对俄罗斯进行正式友好访问，在圣彼得堡会见总统普京。",
            [("talks", None)],
        ),
        # two party chairs meeting: talks, not a summit
        ("国民党主席与民众党主席今天进行公开会谈。", [("talks", None)]),
        # an earlier meeting recalled for context is not news of these days
        ("习近平指出，去年11月，我和总统先生在旧金山会晤，开启了面向未来的愿景。", []),
        ("习近平指出，过去3年，我曾同总理先生会晤，深入沟通并达成重要共识。", []),
        # a negation between the noun and the verb
        ("美军导弹驱逐舰击落了一枚反舰导弹，美军舰和油轮没有因袭击受损。", [("interception", 1)]),
        # weapons someone supplied earlier, named in a relative clause, are no new transfer
        ("俄外交部表示，当时记者正在就乌方使用美国提供的集束弹药进行采访。", []),
        # a comparison or a general statement
        ("这一波收集到的资讯，恐怕比一次东风导弹试射还致命。", []),
    ],
)
def test_meetings_calls_visits_background_and_negation(
    text: str, expected: list[tuple[str, int | None]]
) -> None:
    assert events_of(text) == expected
    assert events_of(to_traditional(text)) == expected


def test_a_toll_the_attack_has_caused_so_far_is_a_toll_to_date() -> None:
    text = "俄侦查委员会主席汇报称，恐袭事件已造成139人遇难、182人受伤，遗体辨认工作仍在继续。"
    events = extract_events(text, find_mentions(text))
    assert [(e.type, e.quantity, e.cumulative) for e in events] == [
        ("killed", 139, True),
        ("injured", 182, True),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "all of them were intercepted": the count of the set named before
        ("俄军当天发射5枚导弹，均被乌军拦截。", [("missile_launch", 5), ("interception", 5)]),
        ("俄军发射5枚导弹，乌军都无法拦截。", [("missile_launch", 5)]),
        # a launch named in a relative clause, with its count
        ("俄军发射的两枚导弹击中了哈尔科夫。", [("missile_launch", 2)]),
        # no count, no new launch: the missile is only named
        ("朝鲜发射的导弹落入日本专属经济区。", []),
    ],
)
def test_the_set_referred_to_and_launches_in_relative_clauses(
    text: str, expected: list[tuple[str, int | None]]
) -> None:
    assert events_of(text) == expected
    assert events_of(to_traditional(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a meeting still ahead
        ("经双方商定，第二十四次中国—欧盟领导人会晤将于12月7日在北京举行。", []),
        # consultations are talks, whoever the sentence also names
        ("针对日本首相的言论，日中昨天进行磋商，但磋商结果不佳。", [("talks", None)]),
        # a strike on named targets, no munitions counted
        ("乌克兰方面称，乌军对多个俄防空系统和人员装备阵地实施打击。", [("airstrike", None)]),
        # uncounted missiles are the means of the strike the sentence reports
        (
            "美军军舰当天凌晨发射多枚“战斧”导弹，打击了也门境内的胡塞武装雷达设施。",
            [("airstrike", None)],
        ),
        # the people who supplied the weapons, not a supply
        ("她说，事件凶手将受到应有惩罚，提供集束弹药的人也将承担责任。", []),
    ],
)
def test_plans_consultations_strikes_and_their_means(
    text: str, expected: list[tuple[str, int | None]]
) -> None:
    assert events_of(text) == expected
    assert events_of(to_traditional(text)) == expected


def test_a_named_victim_counts_one_and_one_more_beside_the_people_counted() -> None:
    assert events_of("哈马斯领导人哈尼亚在德黑兰遇袭身亡。") == [("killed", 1)]
    assert events_of("哈马斯领导人哈尼亚以及一名保镖在德黑兰遇袭身亡。") == [("killed", 2)]
    # the headline names the victim, the body counts everyone: one event
    text = "哈尼亚在德黑兰遇袭身亡\n当天早些时候，哈马斯领导人哈尼亚以及一名保镖在德黑兰遇袭身亡。"
    assert events_of(text) == [("killed", 2)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a ministers' meeting named by who holds it
        ("G7外长于昨天与今天在加拿大尼加拉地区举行会议。", [("talks", None)]),
        ("伊斯兰合作组织外长理事会巴勒斯坦问题特别会议7日在沙特吉达召开。", [("talks", None)]),
        # found although no word of the old prefilter list is in the sentence
        ("世界贸易组织第13届部长级会议2日在阿联酋首都阿布扎比闭幕。", [("talks", None)]),
        # a drone as the subject, passive; a strike whose object holds brackets
        ("一艘商船当天在阿拉伯海被一架无人机击中后爆炸起火。", [("drone_attack", 1)]),
        ("以军对巴勒斯坦伊斯兰抵抗运动（哈马斯）的地下设施进行猛烈打击。", [("airstrike", None)]),
        ("以色列特拉维夫郊区3辆空公交车发生爆炸。", [("damage", 3)]),
    ],
)
def test_ministers_meetings_drones_as_subject_and_vehicles(
    text: str, expected: list[tuple[str, int | None]]
) -> None:
    assert events_of(text) == expected
    assert events_of(to_traditional(text)) == expected


def test_every_string_a_rule_needs_opens_the_sentence_to_the_rules() -> None:
    vocabulary = load_vocabulary()
    for rule in vocabulary.rules:
        for need in rule.needs:
            assert vocabulary.prefilter.search(need), (rule.type, need)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the count told after the launch, without the noun again: one launch
        ("朝鲜今天发射弹道导弹，共发射2枚。", [("missile_launch", 2)]),
        # an uncounted launch beside its own count elsewhere in the story: one launch
        ("朝鲜当天向东部海域发射导弹。朝鲜发射了两枚短程弹道导弹。", [("missile_launch", 2)]),
        # leaders signing a joint statement or meeting the press together: a summit
        ("两国元首签署联合声明。", [("summit", None)]),
        ("中俄两国元首共同会见记者。", [("summit", None)]),
        # two militaries' joint statement is no meeting (the strike is the event)
        ("美英军方发表联合声明称，美英出动战斗机袭击了胡塞武装的目标。", [("airstrike", None)]),
        # 增兵 in one word; a yes-or-no question is no deployment
        ("乌克兰向哈尔科夫增兵。", [("troop_deployment", None)]),
        ("以两岸军事实力的差距，台湾增不增兵、买不买武器？", []),
        # 炮轰 for words
        ("立委砲轟國防部長。", []),
        ("國民黨砲轟民進黨政府。", []),
        ("以军炮轰加沙地带北部。", [("shelling", None)]),
    ],
)
def test_counts_told_later_joint_statements_troops_and_verbal_attacks(
    text: str, expected: list[tuple[str, int | None]]
) -> None:
    assert events_of(text) == expected
    assert events_of(to_traditional(text)) == expected
