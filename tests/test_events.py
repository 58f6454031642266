"""Event extraction: types, counts, roles, hedges, de-duplication, both scripts, sentences."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.language import sentences
from analysis.language.event_vocabulary import load_vocabulary
from analysis.language.events import _clause_bounds
from analysis.language.sentences import _BOUNDARY, _trimmed, sentence_at, split_sentences
from analysis.language.text import to_simplified, to_traditional
from analysis.model import EVENT_TYPES, Event, Mention
from tests.conftest import SEED
from tests.language_helpers import extract_events, find_mentions

SEED_FILE = SEED

# surface (Traditional) -> (entity id, type, country); Simplified spellings are derived.
GAZETTEER: dict[str, tuple[str, str, str | None]] = {
    "俄羅斯國防部": ("russian-ministry-of-defence", "organization", "russia"),
    "俄國防部": ("russian-ministry-of-defence", "organization", "russia"),
    "烏克蘭空軍": ("ukrainian-air-force", "organization", "ukraine"),
    "俄軍": ("russian-armed-forces", "organization", "russia"),
    "烏軍": ("ukrainian-armed-forces", "organization", "ukraine"),
    "以軍": ("israel-defense-forces", "organization", "israel"),
    "俄羅斯": ("russia", "country", None),
    "烏克蘭": ("ukraine", "country", None),
    "朝鮮": ("north-korea", "country", None),
    "韓國": ("south-korea", "country", None),
    "美國": ("united-states", "country", None),
    "日本": ("japan", "country", None),
    "委內瑞拉": ("venezuela", "country", None),
    "普京": ("vladimir-putin", "person", "russia"),
    "金正恩": ("kim-jong-un", "person", "north-korea"),
    "習近平": ("xi-jinping", "person", "china"),
    "佩斯科夫": ("dmitry-peskov", "person", "russia"),
    "塞瓦斯托波爾": ("sevastopol", "place", "russia"),
    "克里米亞": ("crimea", "place", None),
    "加沙地帶": ("gaza-strip", "place", None),
    "基輔": ("kyiv", "place", "ukraine"),
    "俄": ("russia", "country", None),
    "烏": ("ukraine", "country", None),
}
_SURFACES = {**GAZETTEER, **{to_simplified(k): v for k, v in GAZETTEER.items()}}
_FINDER = re.compile("|".join(sorted(map(re.escape, _SURFACES), key=len, reverse=True)))


def mentions_in(text: str) -> list[Mention]:
    """A tiny stand-in for entities.find_mentions: longest gazetteer match wins."""
    return [
        Mention(eid, kind, m.start(), m.end(), m.group(), country)
        for m in _FINDER.finditer(text)
        for eid, kind, country in [_SURFACES[m.group()]]
    ]


def events_of(text: str) -> list[Event]:
    return extract_events(text, mentions_in(text))


def summary(events: list[Event]) -> list[tuple[str, int | None, str | None]]:
    return [(e.type, e.quantity, e.unit) for e in events]


def seed_body() -> str:
    text = SEED_FILE.read_text(encoding="utf-8")
    return text.split("國際分類資訊推薦")[0]  # the teaser block is not part of the article


SEED_EVENTS = [
    ("summit", None, None),
    ("missile_launch", None, None),
    ("airstrike", None, None),
    ("injured", 24, "人"),
    ("missile_launch", 10, "枚"),
    ("interception", 7, "枚"),
    ("damage", 2, "艘"),
    ("drone_attack", None, None),
    ("interception", 32, "架"),
]


def test_seed_article_gives_exactly_the_reported_events() -> None:
    assert sorted(summary(events_of(seed_body())), key=str) == sorted(SEED_EVENTS, key=str)


def test_seed_missile_test_is_not_counted_as_650_missiles() -> None:
    launches = [e for e in events_of(seed_body()) if e.type == "missile_launch"]
    assert all(e.quantity != 650 for e in launches)
    assert any(e.quantity is None and e.actor == "north-korea" for e in launches)


def test_seed_roles_claimant_and_location() -> None:
    events = {(e.type, e.quantity): e for e in events_of(seed_body())}
    launch = events["missile_launch", 10]
    assert (launch.actor, launch.target, launch.location) == ("ukraine", "sevastopol", "sevastopol")
    assert launch.claimant == "russian-ministry-of-defence"
    assert events["injured", 24].approximate and events["injured", 24].location == "sevastopol"
    summit = events["summit", None]
    assert {summit.actor, summit.target} == {"russia", "north-korea"}  # a meeting: the countries
    drones = events["drone_attack", None]
    assert (drones.actor, drones.target) == ("russia", "ukraine")


def test_seed_sentences_are_verbatim_traditional() -> None:
    body = seed_body()
    assert all(e.sentence in body for e in events_of(body))


def test_traditional_and_simplified_give_identical_events() -> None:
    body = seed_body()

    def strip(events: list[Event]) -> list[dict[str, object]]:
        return [{k: v for k, v in e.to_dict().items() if k != "sentence"} for e in events]

    simplified = to_simplified(body)
    assert strip(events_of(body)) == strip(events_of(simplified))
    assert strip(events_of(to_traditional(simplified))) == strip(events_of(body))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("俄防空部隊擊落了三十二架無人機。", [("interception", 32, "架")]),
        (
            "俄國防部今天稱，在俄羅斯羅斯托夫州擊落和攔截44架烏克蘭無人機。",
            [("interception", 44, "架")],
        ),
        ("俄防空部队还击毁乌军21架无人机。", [("interception", 21, "架")]),
        ("以军还称，当天拦截了2枚从加沙地带发射的火箭弹。", [("interception", 2, "枚")]),
        (
            "乌军当天还称，俄军用160架无人机和2枚导弹袭击了乌克兰基辅、敖德萨等地。",
            [("drone_attack", 160, "架"), ("missile_launch", 2, "枚")],
        ),
        ("截至目前，事故已造成31人死亡、7人受伤。", [("killed", 31, "人"), ("injured", 7, "人")]),
        (
            "巴方死亡人数升至1078人，有超过5100人受伤。",
            [("killed", 1078, "人"), ("injured", 5100, "人")],
        ),
        ("（2）美南部恶劣天气持续 1人死亡20多人伤。", [("killed", 1, "人"), ("injured", 20, "人")]),
        (
            "哈马斯还称，以军向加沙地带发射了超过4.5万枚导弹和炮弹。",
            [("missile_launch", 45000, "枚")],
        ),
        ("朝鮮當天試射了兩枚短程彈道飛彈。", [("missile_launch", 2, "枚")]),
        (
            "叙利亚方面3日称，叙利亚多地遭以军空袭，造成人员伤亡。",
            [("airstrike", None, None), ("casualties", None, None)],
        ),
        ("以军称，以防空系统对来袭导弹进行了拦截。", [("interception", None, None)]),
        (
            "此外，乌克兰敖德萨地区官员19日表示，敖德萨港口设施当天遭俄军导弹袭击。",
            [("airstrike", None, None)],
        ),
        (
            "俄紧急情况部今天称，沃罗涅日州一座储油基地遭无人机袭击后发生火灾。",
            [("drone_attack", None, None)],
        ),
        ("習近平同委內瑞拉總統馬杜羅舉行會談。", [("summit", None, None)]),
        ("赵乐际同阿联酋联邦国民议会议长举行会谈。", [("talks", None, None)]),
        ("美國財政部宣布對12家俄羅斯實體實施制裁。", [("sanctions", 12, "家")]),
        (
            "巴勒斯坦加沙地带民防机构29日称，以军对加沙城的瓦法医院发动袭击，造成至少7人死亡，另有多人重伤。",
            [("killed", 7, "人"), ("injured", None, "人")],
        ),
    ],
)
def test_sentences_from_the_corpora(
    text: str, expected: list[tuple[str, int | None, str | None]]
) -> None:
    assert summary(events_of(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "如果朝俄兩國達成軍火協議,那麼韓國也可能對烏克蘭實施大規模軍事援助,從而捲入更廣泛的地區衝突。",
        "這一合作不僅可能包括衛星發射,還可能涉及到太空探測和其他領域的合作。",
        "朝鮮一直在試圖發展自己的太空技術，包括衛星發射。",
        "美國將向烏克蘭提供更多防空導彈。",
        "俄方計劃向該地區部署更多士兵。",
        "據報道，事發航班為空客客機，機上載有197人，事故沒有造成人員傷亡。",
        "國家防總派出8個檢查組開展督導檢查，全力避免人員傷亡。",
        "俄方否認向基輔發射了導彈。",
        "若從日本發射射程達1,600至1,800公里的戰斧巡弋飛彈，可直接打擊北京。",
        "烏克蘭毫無和談誠意，烏方只有在人力、裝備和彈藥耗盡時才會考慮和平。",
        "加利福尼亚州死亡谷15日温度一度达到50多摄氏度。",
        "新北同時攔截27籃雞蛋全數退回上游。",
        "顧立雄觀看Altius-600M攻擊型無人機發射程序演練。",
    ],
)
def test_hypothetical_negated_and_unrelated_sentences_give_nothing(text: str) -> None:
    assert events_of(text) == []


def test_general_and_nearly_are_not_the_future_marker() -> None:
    text = "烏克蘭將軍稱，俄軍將近200架無人機被擊落。"
    assert summary(events_of(text)) == [("interception", 200, "架")]


def test_a_summit_mentioned_again_is_one_summit() -> None:
    text = (
        "俄羅斯總統普京與朝鮮最高領導人金正恩13日會晤。這次會晤意味深長。"
        "普京與金正恩的會談地點選擇在東方航天發射場。俄羅斯和朝鮮的會談還包括經濟合作。"
    )
    assert summary(events_of(text)) == [("summit", None, None)]


def test_claimant_is_who_says_so() -> None:
    (event,) = events_of("烏克蘭空軍稱，烏防空部隊擊落了32架無人機。")
    assert event.claimant == "ukrainian-air-force"


def test_passive_gives_target_before_and_actor_after() -> None:
    (event,) = events_of("基輔遭俄軍無人機襲擊。")
    assert (event.type, event.actor, event.target) == (
        "drone_attack",
        "russian-armed-forces",
        "kyiv",
    )


def test_every_rule_names_a_known_event_type() -> None:
    assert {rule.type for rule in load_vocabulary().rules} <= set(EVENT_TYPES)


@given(st.text())
def test_extract_events_never_raises_on_arbitrary_text(text: str) -> None:
    for event in extract_events(text, []):
        assert event.type in EVENT_TYPES
        assert event.sentence in text


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "他說：「我們會打。」然後走了！\n\n第二段；第三?  尾巴",
            ["他說：「我們會打。」", "然後走了！", "第二段；", "第三?", "尾巴"],
        ),
        ("", []),
        ("沒有句號", ["沒有句號"]),
    ],
)
def test_split_sentences_keeps_closing_quotes(text: str, sentences: list[str]) -> None:
    assert [text[a:b] for a, b in split_sentences(text)] == sentences


@given(st.text(alphabet="甲乙。！？；\n」）” ,"))
def test_sentence_at_agrees_with_split_sentences(text: str) -> None:
    for start, end in split_sentences(text):
        for pos in range(start, end):
            assert sentence_at(text, pos) == (start, end)


def _sentence_by_scanning(text: str, pos: int, limit: int) -> tuple[int, int]:
    """sentence_at as it was first written: every boundary of the window, in order."""
    lo, end = max(0, pos - limit), min(len(text), pos + limit)
    start = lo
    for m in _BOUNDARY.finditer(text, lo, end):
        if m.end() <= pos:
            start = m.end()
        else:
            end = m.end()
            break
    span = _trimmed(text, start, end)
    return span if span is not None else (pos, pos + 1)


@given(
    st.text(alphabet="甲乙。！？；\n」）” ,", min_size=1),
    st.integers(1, 8),
    st.integers(1, 4),
    st.data(),
)
def test_sentence_at_looking_back_agrees_with_scanning_every_boundary(
    text: str, limit: int, near: int, data: st.DataObject
) -> None:
    pos = data.draw(st.integers(0, len(text) - 1))
    saved, sentences._NEAR = sentences._NEAR, near  # the first look back, made short
    try:
        assert sentence_at(text, pos, limit=limit) == _sentence_by_scanning(text, pos, limit)
    finally:
        sentences._NEAR = saved


@pytest.mark.parametrize(
    ("key", "clause"),
    [
        ("乌方称，共击落1,200架无人机,其中3架坠毁", "共击落1,200架无人机"),
        ("乌方称,共击落12架无人机;其中3架坠毁", "共击落12架无人机"),
        ("共击落12架无人机,1架坠毁", "共击落12架无人机"),
        ("3,共击落12架无人机", "共击落12架无人机"),
    ],
)
def test_a_comma_ends_a_clause_unless_it_stands_between_two_digits(key: str, clause: str) -> None:
    start = key.index("击落")
    left, right = _clause_bounds(key, start, start + 2, 0, len(key))
    assert key[left:right] == clause


@pytest.mark.parametrize(
    "text",
    [
        "加沙地帶衛生部門20日公布的數據顯示，新一輪巴以衝突爆發以來，以軍行動已導致超4.7萬名巴勒斯坦人死亡。",
        "截至今天，新一輪巴以衝突已經導致雙方超過6500人死亡。",
        "據巴勒斯坦衛生部門發布的消息，衝突已造成巴方2269人死亡，9814人受傷。",
        "本輪巴以衝突造成加沙地帶2326名婦女和3760名兒童死亡。",
        "以色列媒體稱，以方已有至少1400人死亡、3968人受傷。",
        "以軍當天開火，造成的死亡人數已上升到至少112人。",
    ],
)
def test_a_toll_to_date_is_kept_apart_from_new_events(text: str) -> None:
    events = events_of(text)
    assert events and all(e.cumulative for e in events)


def test_last_night_to_this_morning_is_not_a_toll_to_date() -> None:
    text = "烏克蘭空軍今天表示，俄軍昨晚至今晨對烏克蘭發動大規模空襲，共出動120架無人機。"
    (event,) = events_of(text)
    assert (event.type, event.quantity, event.cumulative) == ("drone_attack", 120, False)


@pytest.mark.parametrize(
    ("text", "conflict"),
    [
        ("據法國媒體報道，惡劣天氣已導致3人死亡。", False),
        ("國道3號發生2車碰撞車禍，造成3人受傷。", False),
        ("洪水導致河流水位迅速上漲，多座橋梁受損。", False),
        ("以軍25日襲擊約旦河西岸傑寧等地，造成6名巴勒斯坦人死亡。", True),
        ("芝加哥發生多起槍擊事件，造成至少16人死亡。", True),
    ],
)
def test_harm_by_a_disaster_or_accident_is_not_a_conflict_event(text: str, conflict: bool) -> None:
    events = events_of(text)
    assert events and all(e.conflict is conflict for e in events)


def test_an_article_about_an_attack_gives_its_plain_deaths_the_conflict_context() -> None:
    text = "俄軍無人機襲擊基輔\n基輔市長稱，俄軍對基輔發動無人機襲擊。事件造成3人死亡。"
    killed = [e for e in events_of(text) if e.type == "killed"]
    assert [(e.quantity, e.conflict) for e in killed] == [(3, True)]


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        # a meeting's roles are the countries, the host first
        ("國家主席習近平應約同美國總統拜登通電話。", ("united-states", "china")),
        ("印度尼西亞總統舉行儀式，歡迎國務院總理李強對印尼進行正式訪問。", ("indonesia", "china")),
        # the harm's actor and target come from the attack that caused it
        ("以軍25日襲擊加沙地帶，造成6名巴勒斯坦人死亡。", ("israel-defense-forces", "gaza-strip")),
        # 乌方 inside the object is whose drones were shot down
        ("俄國防部稱，俄軍擊落烏方46架無人機。", ("russian-armed-forces", "ukraine")),
        # the object's last party, nearest its head noun
        ("胡塞武裝稱，該武裝向亞丁灣的美國油輪發射數枚反艦導彈。", ("houthis", "united-states")),
        # the subject of an earlier clause of the sentence did it
        ("俄軍還打擊了烏軍彈藥庫，並擊落烏方46架無人機。", ("russian-armed-forces", "ukraine")),
    ],
)
def test_roles_of_meetings_harm_and_interceptions(text: str, roles: tuple[str, str]) -> None:
    event = extract_events(text, find_mentions(text))[-1]  # the last one the sentence reports
    assert (event.actor, event.target) == roles
