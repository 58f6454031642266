"""The gazetteer CSVs: format, coverage, and that every spelling resolves to exactly one entity."""

from __future__ import annotations

import csv
import functools
import io
from pathlib import Path

import opencc
import pytest

GAZETTEER = Path(__file__).resolve().parent.parent / "analysis/resources/gazetteer"
FILES = ["countries.csv", "people.csv", "places.csv", "organizations.csv"]
HEADER = "id,type,name_en,name_hans,name_hant,aliases,abbrev,country,lat,lon"
TYPES = {
    "countries.csv": {"country"},
    "people.csv": {"person"},
    "places.csv": {"place"},
    "organizations.csv": {"organization"},
}
MINIMUM_ROWS = {
    "countries.csv": 240,
    "people.csv": 200,
    "places.csv": 300,
    "organizations.csv": 150,
}

# Spellings (mainland, Hong Kong, Taiwan, English) that must all reach the same entity.
ALIAS_GROUPS = {
    "vladimir-putin": ["普京", "普丁", "普廷", "蒲亭", "弗拉基米尔·普京", "弗拉迪米爾·普丁"],
    "volodymyr-zelenskyy": ["泽连斯基", "澤連斯基", "澤倫斯基", "Zelensky"],
    "kim-jong-un": ["金正恩"],
    "kim-yo-jong": ["金与正", "金與正"],
    "donald-trump": ["特朗普", "川普", "Trump"],
    "joe-biden": ["拜登"],
    "marco-rubio": ["鲁比奥", "魯比奧", "盧比歐"],
    "sergey-lavrov": ["拉夫罗夫", "拉夫羅夫"],
    "dmitry-peskov": ["佩斯科夫"],
    "sergei-shoigu": ["绍伊古", "紹伊古"],
    "benjamin-netanyahu": ["内塔尼亚胡", "內塔尼亞胡", "納坦雅胡"],
    "ali-khamenei": ["哈梅内伊", "哈米尼"],
    "recep-tayyip-erdogan": ["埃尔多安", "艾爾段"],
    "emmanuel-macron": ["马克龙", "馬克宏"],
    "olaf-scholz": ["朔尔茨", "蕭茲"],
    "keir-starmer": ["斯塔默", "施紀賢", "施凱爾"],
    "antonio-guterres": ["古特雷斯", "古特瑞斯"],
    "rafael-grossi": ["格罗西", "葛羅西"],
    "mark-rutte": ["吕特", "呂特"],
    "ursula-von-der-leyen": ["冯德莱恩", "范德賴恩"],
    "janet-yellen": ["耶伦", "葉倫"],
    "anton-siluanov": ["西卢安诺夫", "席魯阿諾夫", "希魯阿諾夫"],
    "vladimir-medinsky": ["梅金斯基", "梅丁斯基"],
    "najib-mikati": ["米卡提", "米卡蒂"],
    "san-francisco": ["旧金山", "舊金山", "三藩市"],
    "california": ["加利福尼亚州", "加州"],
    "ashkelon": ["阿什凯隆", "亞實基倫", "阿什克隆"],
    "unifil": ["联黎部队", "聯黎部隊", "联合国驻黎巴嫩临时部队", "UNIFIL"],
    "al-qassam-brigades": ["卡桑旅", "卡萨姆旅", "卡薩姆旅"],
    "hur": ["乌克兰国防部情报总局", "烏國防部情報總局"],
    "kursk-oblast": ["库尔斯克州", "庫斯克州", "库尔斯克地区"],
    "bryansk-oblast": ["布良斯克州"],
    "pyongyang-international-airport": ["平壤国际机场", "順安國際機場"],
    "russia": ["俄罗斯", "俄羅斯", "俄国", "俄方", "Russia"],
    "ukraine": ["乌克兰", "烏克蘭", "乌方", "烏方"],
    "north-korea": ["朝鲜", "朝鮮", "北韓", "北韩", "朝方", "朝鲜民主主义人民共和国", "DPRK"],
    "south-korea": ["韩国", "韓國", "南韓", "南韩", "韓方", "大韩民国"],
    "united-states": ["美国", "美國", "美方"],
    "china": ["中国", "中國", "中方"],
    "japan": ["日本", "日方"],
    "new-zealand": ["新西兰", "紐西蘭"],
    "italy": ["意大利", "義大利"],
    "saudi-arabia": ["沙特阿拉伯", "沙烏地阿拉伯"],
    "taiwan": ["台湾", "臺灣", "台灣"],
    "kyiv": ["基辅", "基輔"],
    "sevastopol": ["塞瓦斯托波尔", "塞瓦斯托波爾", "塞凡堡"],
    "crimea": ["克里米亚", "克里米亞"],
    "kursk": ["库尔斯克", "庫斯克"],
    "vostochny-cosmodrome": ["东方航天发射场", "東方航天發射場"],
    "gaza-strip": ["加沙地带", "加薩走廊"],
    "kuala-lumpur": ["吉隆坡"],
    "elbe": ["易北河"],
    "russian-ministry-of-defence": ["俄罗斯国防部", "俄羅斯國防部", "俄国防部", "俄國防部"],
    "russian-armed-forces": ["俄军", "俄軍"],
    "ukrainian-armed-forces": ["乌军", "烏軍"],
    "ukrainian-air-force": ["乌克兰空军", "烏克蘭空軍"],
    "israel-defense-forces": ["以军", "以軍"],
    "nato": ["北约", "北約", "北大西洋公約組織"],
    "united-nations": ["联合国", "聯合國"],
    "iaea": ["国际原子能机构", "國際原子能總署"],
    "kcna": ["朝中社", "朝鲜中央通讯社", "朝鮮中央通訊社"],
    "us-department-of-state": ["美国国务院", "美國國務院"],
    "state-council-of-china": ["国务院", "國務院"],
    "kremlin": ["克里姆林宫", "克里姆林宮"],
    "houthis": ["胡塞武装", "胡塞武裝"],
    "wagner-group": ["瓦格纳", "瓦格納"],
}


@functools.cache
def t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s.json")


@functools.cache
def read_rows(name: str) -> tuple[dict[str, str], ...]:
    text = (GAZETTEER / name).read_text(encoding="utf-8")
    body = "".join(line for line in text.splitlines(keepends=True) if not line.startswith("#"))
    return tuple(csv.DictReader(io.StringIO(body)))


def all_rows() -> list[dict[str, str]]:
    return [row for name in FILES for row in read_rows(name)]


def surface_forms(row: dict[str, str]) -> set[str]:
    forms = (row["name_hans"], row["name_hant"], *row["aliases"].split("|"))
    return {form for form in forms if form}


@functools.cache
def owners_by_key() -> dict[str, frozenset[str]]:
    owners: dict[str, set[str]] = {}
    for row in all_rows():
        for form in surface_forms(row):
            owners.setdefault(t2s().convert(form), set()).add(row["id"])
    return {key: frozenset(ids) for key, ids in owners.items()}


@pytest.mark.parametrize("name", FILES)
def test_each_file_starts_with_a_source_comment_then_the_agreed_header(name):
    lines = (GAZETTEER / name).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#")
    first_data_line = next(line for line in lines if not line.startswith("#"))
    assert first_data_line == HEADER


@pytest.mark.parametrize("name", FILES)
def test_each_file_holds_enough_entities_of_its_own_type(name):
    rows = read_rows(name)
    assert len(rows) >= MINIMUM_ROWS[name]
    assert {row["type"] for row in rows} <= TYPES[name]


def test_ids_are_unique_lowercase_ascii_slugs():
    ids = [row["id"] for row in all_rows()]
    assert len(ids) == len(set(ids))
    for entity_id in ids:
        assert entity_id.isascii() and entity_id == entity_id.lower(), entity_id
        assert entity_id.strip("-") == entity_id and " " not in entity_id, entity_id


def test_every_entity_has_a_name_in_both_scripts_and_in_english():
    for row in all_rows():
        assert row["name_en"] and row["name_hans"] and row["name_hant"], row["id"]


def test_country_column_names_a_known_country():
    country_ids = {row["id"] for row in read_rows("countries.csv")}
    for name in ("people.csv", "places.csv", "organizations.csv"):
        for row in read_rows(name):
            assert row["country"] == "" or row["country"] in country_ids, row["id"]


def test_only_countries_have_abbreviations_and_no_two_share_one():
    seen: dict[str, str] = {}
    for row in all_rows():
        if row["type"] != "country":
            assert row["abbrev"] == "", row["id"]
            continue
        for abbrev in filter(None, row["abbrev"].split("|")):
            assert len(abbrev) == 1, row["id"]
            key = t2s().convert(abbrev)
            assert seen.setdefault(key, row["id"]) == row["id"], (abbrev, row["id"], seen[key])


def test_every_place_has_coordinates_in_range():
    for row in read_rows("places.csv"):
        assert -90 <= float(row["lat"]) <= 90, row["id"]
        assert -180 <= float(row["lon"]) <= 180, row["id"]


def test_coordinates_of_countries_are_in_range_where_given():
    with_coordinates = [row for row in read_rows("countries.csv") if row["lat"]]
    assert len(with_coordinates) >= 80
    for row in with_coordinates:
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180, row["id"]


def test_people_and_organisations_have_no_coordinates():
    for name in ("people.csv", "organizations.csv"):
        for row in read_rows(name):
            assert row["lat"] == row["lon"] == "", row["id"]


def test_no_spelling_belongs_to_two_entities_once_converted_to_simplified():
    clashes = {key: sorted(ids) for key, ids in owners_by_key().items() if len(ids) > 1}
    assert clashes == {}


def test_no_alias_is_a_single_chinese_character():
    for row in all_rows():
        for form in surface_forms(row):
            assert not (len(form) == 1 and not form.isascii()), (row["id"], form)


@pytest.mark.parametrize(("entity_id", "spellings"), ALIAS_GROUPS.items())
def test_every_regional_spelling_resolves_to_the_same_entity(entity_id, spellings):
    for spelling in spellings:
        assert owners_by_key().get(t2s().convert(spelling)) == {entity_id}, spelling
