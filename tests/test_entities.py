"""Entities: every spelling of a name is one entity; characters inside other words are not."""

from __future__ import annotations

import pytest
from gazetteer_fixture import fixture_gazetteer, shipped_or_fixture_gazetteer

from analysis.language.gazetteer import GazetteerError, parse_entries
from analysis.language.text import to_simplified
from tests.conftest import SEED
from tests.language_helpers import discover_names, find_mentions, summarize_mentions

GAZ = fixture_gazetteer()
SEED_FILE = SEED


def ids(text: str, gazetteer=GAZ) -> list[str]:
    return [m.entity_id for m in find_mentions(text, gazetteer=gazetteer)]


def shipped_with(entity_id: str):
    """The shipped gazetteer; the test is skipped under the fixture, which lacks `entity_id`."""
    gazetteer = shipped_or_fixture_gazetteer()
    if gazetteer.get(entity_id) is None:
        pytest.skip("fixture gazetteer")
    return gazetteer


def test_every_spelling_of_putin_is_one_entity() -> None:
    text = "普京會見金正恩。普丁表示，普廷與蒲亭是同一人。Putin"
    rows = summarize_mentions(find_mentions(text, gazetteer=GAZ), gazetteer=GAZ)
    putin = next(r for r in rows if r.id == "vladimir-putin")
    assert putin.count == 5
    assert set(putin.surface_forms) == {"普京", "普丁", "普廷", "蒲亭", "Putin"}
    assert putin.name_en == "Vladimir Putin" and putin.type == "person"


@pytest.mark.parametrize("spelling", ["朝鮮", "朝鲜", "北韓", "北韩"])
def test_north_korea_in_any_script_or_name(spelling: str) -> None:
    assert ids(f"{spelling}當天試射了一枚導彈") == ["north-korea"]


def test_urumqi_is_not_ukraine() -> None:
    assert ids("烏魯木齊今天天氣晴朗") == ["urumqi"]
    assert ids("乌鲁木齐市民出行") == ["urumqi"]
    assert "ukraine" not in ids("乌鲁木齐机场航班恢复")


def test_zhao_in_zhaozhe_is_not_korea() -> None:
    assert ids("他朝着前方走去，朝阳升起") == []


def test_country_abbreviations_count_inside_compounds() -> None:
    assert ids("俄烏衝突進入第三年") == ["russia", "ukraine"]
    assert ids("美日韓舉行聯合軍演") == ["united-states", "japan", "south-korea"]
    assert ids("中俄關係持續發展，朝俄加強合作") == ["china", "russia", "north-korea", "russia"]


def test_an_abbreviation_cut_off_as_one_character_still_counts() -> None:
    # jieba cuts 乌 / 海军 / 称 and 中美 / 俄 / 三方: one-character tokens can be mentions
    assert ids("烏海軍稱") == ids("乌海军称") == ids("據烏空軍消息") == ["ukraine"]
    assert ids("中美俄三方會談") == ["china", "united-states", "russia"]


def test_lone_abbreviations_do_not_count() -> None:
    assert ids("對俄制裁") == []
    assert ids("其中方法很多") == []


def test_a_date_is_not_japan() -> None:
    assert ids("14日美韩举行会谈") == ["united-states", "south-korea"]


def test_abbreviation_with_suffix_is_the_country() -> None:
    assert ids("俄軍兩艘艦艇受損，美方表示關切") == ["russia", "united-states"]


def test_abbreviation_with_suffix_prefers_an_explicit_alias() -> None:
    assert ids("俄國防部表示") == ["russian-ministry-of-defence"]
    armed = fixture_gazetteer(with_armed_forces=True)
    assert ids("俄軍兩艘艦艇受損", armed) == ["russian-armed-forces"]


def test_ministry_mention_knows_its_country() -> None:
    (mention,) = find_mentions("俄國防部表示", gazetteer=GAZ)
    assert mention.country == "russia" and mention.surface == "俄國防部"
    assert (mention.start, mention.end) == (0, 4)


def test_mention_offsets_point_into_the_original_text() -> None:
    text = "據報道，烏克蘭向塞瓦斯托波爾發射了巡航導彈"
    for m in find_mentions(text, gazetteer=GAZ):
        assert text[m.start : m.end] == m.surface


def test_mentions_inside_compounds_have_the_offsets_of_their_characters() -> None:
    text = "據報道，俄烏衝突持續，俄軍向烏克蘭發射導彈。中美關係"
    found = [(m.entity_id, m.start, m.surface) for m in find_mentions(text, gazetteer=GAZ)]
    at = text.index
    assert found == [
        ("russia", at("俄烏"), "俄"),
        ("ukraine", at("俄烏") + 1, "烏"),
        ("russia", at("俄軍"), "俄軍"),
        ("ukraine", at("烏克蘭"), "烏克蘭"),
        ("china", at("中美"), "中"),
        ("united-states", at("中美") + 1, "美"),
    ]


def test_unknown_names_are_discovered_but_never_merged_into_known_ones() -> None:
    found = discover_names("俄羅斯外長拉夫羅夫與美國國務卿在吉隆坡會晤", gazetteer=GAZ)
    by_id = {e.id: e for e in found}
    assert not any(e.known for e in found)
    assert "unknown:拉夫罗夫" in by_id
    assert by_id["unknown:拉夫罗夫"].surface_forms == ("拉夫羅夫",)
    assert not {"russia", "united-states", "unknown:俄罗斯"} & set(by_id)


def test_mentions_and_rows_carry_every_field_of_their_record() -> None:
    text = "俄羅斯外長拉夫羅夫稱，俄軍與普京的部隊在烏克蘭"
    mentions = find_mentions(text, gazetteer=GAZ)
    rows = summarize_mentions(mentions, gazetteer=GAZ) + discover_names(text, gazetteer=GAZ)
    assert mentions and any(r.known for r in rows) and not all(r.known for r in rows)
    for record in (*mentions, *rows):
        assert len(record) == len(type(record)._fields)
        assert record == type(record)(**record._asdict())


def read_seed() -> str:
    return SEED_FILE.read_text(encoding="utf-8")


def test_seed_in_both_scripts_gives_the_same_entities() -> None:
    gazetteer = shipped_or_fixture_gazetteer()
    seed = read_seed()

    def entities(text: str) -> list[tuple[str, int]]:
        rows = summarize_mentions(find_mentions(text, gazetteer=gazetteer), gazetteer=gazetteer)
        rows += discover_names(text, gazetteer=gazetteer)
        return sorted((r.id, r.count) for r in rows)

    hant = entities(seed)
    assert hant == entities(to_simplified(seed))
    found = dict(hant)
    for entity_id in ("vladimir-putin", "kim-jong-un", "russia", "north-korea", "ukraine"):
        if gazetteer.get(entity_id):
            assert found[entity_id] >= 1


def test_a_gazetteer_row_with_a_bad_type_names_the_file() -> None:
    text = "id,type,name_en,name_hans,name_hant,aliases,abbrev,country,lat,lon\nx,planet,X,,,,,,,\n"
    with pytest.raises(GazetteerError, match=r"bad\.csv"):
        parse_entries(text, source="bad.csv")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("烏軍使用美制陸軍戰術導彈", {"ukrainian-armed-forces", "united-states"}),
        ("俄制S-300防空系統", {"russia"}),
        ("加強法制建設，嚴厲打擊土制炸彈", set()),
        ("人民銀行印制新版鈔票", set()),
    ],
)
def test_made_in_takes_the_country_but_words_do_not(text: str, expected: set[str]) -> None:
    gazetteer = shipped_or_fixture_gazetteer()
    assert set(ids(text, gazetteer)) == expected


def test_continents_and_loose_regions_are_not_entities() -> None:
    gazetteer = shipped_or_fixture_gazetteer()
    assert ids("歐洲與亞太地區和中東局勢", gazetteer) == []
    assert ids("对拉美、非洲进出口分别增长", gazetteer) == []


def test_an_organisation_before_a_post_is_not_mentioned() -> None:
    gazetteer = shipped_or_fixture_gazetteer()
    if gazetteer.get("state-council-of-china") is None:
        pytest.skip("fixture gazetteer")
    # docs/QUALITY.md, ruling 2: 国务院总理 gives no State Council; the country before a post
    # counts (伊朗 in 伊朗外交部部长)
    assert ids("国务院总理李强在北京会见肯尼亚总统", gazetteer) == [
        "li-qiang",
        "beijing",
        "kenya",
    ]
    assert ids("國務院副總理劉國中出席會議", gazetteer) == ["liu-guozhong"]
    assert ids("伊朗外交部部长阿拉格齐表示", gazetteer)[:1] == ["iran"]
    assert ids("烏國防部情報總局局長布達諾夫稱", gazetteer) == ["ukraine", "kyrylo-budanov"]
    assert ids("国务院召开常务会议", gazetteer) == ["state-council-of-china"]
    # party, assembly and spokesperson posts too (the first gold set counted these)
    assert ids("克里姆林宫发言人佩斯科夫表示", gazetteer) == ["dmitry-peskov"]
    assert ids("國民黨主席朱立倫", gazetteer) == ["eric-chu"]
    assert ids("联合国秘书长古特雷斯", gazetteer) == ["antonio-guterres"]
    assert ids("中国常驻联合国代表傅聪", gazetteer) == ["china", "fu-cong"]


def test_an_oblast_named_as_a_region_is_the_oblast() -> None:
    gazetteer = shipped_or_fixture_gazetteer()
    if gazetteer.get("kursk-oblast") is None:
        pytest.skip("fixture gazetteer")
    assert ids("烏軍襲擊了庫爾斯克地區的指揮所", gazetteer)[:1] == ["ukrainian-armed-forces"]
    assert "kursk-oblast" in ids("烏軍襲擊了庫爾斯克地區的指揮所", gazetteer)
    assert ids("布良斯克州上空", gazetteer) == ["bryansk-oblast"]


def test_names_inside_doctrines_and_work_titles_are_not_mentions() -> None:
    gazetteer = shipped_or_fixture_gazetteer()
    if gazetteer.get("xi-jinping") is None:
        pytest.skip("fixture gazetteer")
    # docs/QUALITY.md, ruling 4: nothing inside the name of a doctrine or document counts
    assert ids("坚持以习近平新时代中国特色社会主义思想为指导，推进中国式现代化", gazetteer) == []
    assert ids("日本無異背離《舊金山和約》體制", gazetteer) == ["japan"]
    assert ids("认真学习《习近平关于加强党的作风建设论述摘编》", gazetteer) == []
    # a title that is itself the name counts
    assert ids("据《人民日报》报道，习近平在北京", gazetteer) == [
        "peoples-daily",
        "xi-jinping",
        "beijing",
    ]


def test_an_outlets_byline_and_credit_are_not_mentions() -> None:
    gazetteer = shipped_or_fixture_gazetteer()
    if gazetteer.get("cna") is None:
        pytest.skip("fixture gazetteer")
    # the byline gives no CNA, its dateline place still counts
    assert ids("（中央社記者江明晏台北12日電）台灣大哥大召開", gazetteer)[:1] == ["taipei"]
    assert "cna" not in ids("（中央社華盛頓12日綜合外電報導）美國眾議院", gazetteer)
    assert ids("董事長接受中央社記者訪問表示", gazetteer) == []
    # an agency cited as a source counts
    assert ids("據中央社報導，立法院今天開會", gazetteer) == ["cna", "legislative-yuan"]


def test_a_place_that_begins_the_name_of_an_organisation_or_event_is_not_mentioned() -> None:
    gazetteer = shipped_or_fixture_gazetteer()
    if gazetteer.get("kunming") is None:
        pytest.skip("fixture gazetteer")
    # docs/QUALITY.md, ruling 4: nothing inside the name of an organisation or event counts
    assert ids("记者从昆明海关了解到，巴黎奥运会期间", gazetteer) == []
    assert ids("台北市議會日前通過預算", gazetteer) == []
    assert ids("北京交通大学也是共军采购常客", gazetteer) == ["peoples-liberation-army"]
    # a place before a common noun still counts
    assert ids("日本企业在北京举行会议", gazetteer) == ["japan", "beijing"]


def test_a_name_the_segmenter_glues_to_a_word_is_found() -> None:
    gazetteer = shipped_with("beijing")
    # jieba's dictionary cuts 和普京, 赴美国, 英国政府, 美军基地 as one word
    assert ids("习近平和普京举行会谈", gazetteer) == ["xi-jinping", "vladimir-putin"]
    assert ids("习近平将赴美国举行会晤", gazetteer) == ["xi-jinping", "united-states"]
    assert ids("英國政府表示", gazetteer) == ["united-kingdom"]
    assert ids("袭击美军基地", gazetteer) == ["us-armed-forces"]
    assert ids("在北京人民大会堂举行", gazetteer) == ["beijing"]
    # not a province named like a country, not a place that begins a name
    assert ids("不列颠哥伦比亚省部分地区", gazetteer) == []
    assert ids("工商银行北京市分行营业部", gazetteer) == []


def test_a_part_of_a_transliterated_name_is_not_a_place() -> None:
    gazetteer = shipped_with("izmail")
    assert ids("伊斯梅尔·哈尼亚在德黑兰遇袭", gazetteer)[:1] == ["ismail-haniyeh"]
    assert "izmail" not in ids("伊斯梅尔·哈尼亚在德黑兰遇袭", gazetteer)
    assert ids("伊斯梅尔市遭到袭击", gazetteer)[:1] == ["izmail"]


def test_new_era_after_a_compound_is_not_singapore() -> None:
    gazetteer = shipped_or_fixture_gazetteer()
    # 中俄新 / 时代: 新 begins 新时代
    assert ids("中俄新时代全面战略协作伙伴关系", gazetteer) == ["china", "russia"]
    assert "singapore" in ids("推动中新关系发展", gazetteer)


def test_a_verb_and_one_abbreviation_name_the_place() -> None:
    gazetteer = shipped_with("hong-kong")
    # docs/QUALITY.md, ruling 3: 來華, 赴美, 涉台, 赴陸 name the place
    assert ids("訪華期間", gazetteer) == ["china"]
    assert ids("立委質疑製造赴陸恐慌", gazetteer) == ["china"]
    assert ids("涉台问题", gazetteer) == ["taiwan"]
    assert ids("港澳居民", gazetteer) == ["hong-kong", "macau"]
    # everyday words: 全新, 在意
    assert ids("全新的产品让人在意", gazetteer) == []
