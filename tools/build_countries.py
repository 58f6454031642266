"""Generate analysis/resources/gazetteer/countries.csv from CLDR (via Babel) and OpenCC.

Run from the project root:  .venv/bin/python tools/build_countries.py

Every country and territory that CLDR names (``babel.Locale(...).territories``) becomes one row.
The Chinese names come from three CLDR locales (zh_Hans = mainland, zh_Hant = Taiwan,
zh_Hant_HK = Hong Kong) and from OpenCC's s2twp / s2hk conversions, whose phrase tables hold the
Taiwan and Hong Kong forms of many country names (紐西蘭, 義大利, 沙烏地阿拉伯...). Hand-made
aliases, one-character abbreviations and coordinates are in the tables below. The output is
deterministic: the same Babel and OpenCC versions give the same file byte for byte.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from pathlib import Path

import babel
import opencc
from babel import Locale

OUT = Path(__file__).resolve().parent.parent / "analysis/resources/gazetteer/countries.csv"
HEADER = ("id", "type", "name_en", "name_hans", "name_hant", "aliases", "abbrev", "country",
          "lat", "lon")  # fmt: skip

# CLDR codes that are not countries or territories: unknown, pseudo-locales, groupings.
# EU and UN are organisations (organizations.csv: european-union, united-nations).
SKIPPED_CODES = {"ZZ", "XA", "XB", "QO", "EZ", "EU", "UN"}

# Stable ids where the slug of the CLDR English name is not what the press calls the place.
ID_OVERRIDES = {
    "CD": "dr-congo",
    "CG": "republic-of-the-congo",
    "CI": "ivory-coast",
    "HK": "hong-kong",
    "MM": "myanmar",
    "MO": "macau",
    "PS": "palestine",
    "TR": "turkey",
    "CZ": "czech-republic",
    "SZ": "eswatini",
    "TL": "east-timor",
    "VA": "vatican-city",
}
NAME_EN_OVERRIDES = {
    "CD": "DR Congo",
    "CG": "Republic of the Congo",
    "CI": "Ivory Coast",
    "HK": "Hong Kong",
    "MM": "Myanmar",
    "MO": "Macau",
    "PS": "Palestine",
    "TR": "Turkey",
    "CZ": "Czech Republic",
    "TL": "East Timor",
    "VA": "Vatican City",
}
# (name_hans, name_hant) where CLDR's long official form is not what news writes.
NAME_ZH_OVERRIDES = {
    "HK": ("香港", "香港"),
    "MO": ("澳门", "澳門"),
    "PS": ("巴勒斯坦", "巴勒斯坦"),
    "KR": ("韩国", "韓國"),  # CLDR zh_Hant has 南韓; 韓國 is as common in TW and HK press
    "KP": ("朝鲜", "北韓"),
}

# fmt: off
# Hand-made aliases on top of CLDR/OpenCC: press forms, official long names, "X方" forms,
# English names and abbreviations. Both scripts written out.
EXTRA_ALIASES: dict[str, list[str]] = {
    "RU": ["俄国", "俄國", "俄方", "俄罗斯联邦", "俄羅斯聯邦", "Russia", "Russian Federation"],
    "UA": ["乌方", "烏方", "Ukraine"],
    "KP": ["朝鲜", "朝鮮", "北韩", "北韓", "北朝鲜", "北朝鮮", "朝鲜民主主义人民共和国",
           "朝鮮民主主義人民共和國", "朝方", "DPRK", "North Korea"],
    "KR": ["韩国", "韓國", "南韩", "南韓", "大韩民国", "大韓民國", "韩方", "韓方", "South Korea",
           "ROK"],
    "US": ["美国", "美國", "美方", "美利坚合众国", "美利堅合眾國", "United States", "USA",
           "U.S."],
    "CN": ["中方", "中华人民共和国", "中華人民共和國", "中国大陆", "中國大陸", "China", "PRC"],
    "TW": ["台湾", "臺灣", "台灣", "中华民国", "中華民國", "Taiwan"],
    "JP": ["日方", "Japan"],
    "GB": ["英方", "英国", "英國", "大不列颠及北爱尔兰联合王国", "大不列顛及北愛爾蘭聯合王國",
           "United Kingdom", "Britain", "UK"],
    "FR": ["法方", "France"],
    "DE": ["德方", "Germany"],
    "IL": ["以方", "Israel"],
    "IR": ["伊方", "伊朗伊斯兰共和国", "伊朗伊斯蘭共和國", "Iran"],
    "IN": ["印方", "India"],
    "PK": ["Pakistan"],
    "PS": ["巴勒斯坦国", "巴勒斯坦國", "巴勒斯坦领土", "巴勒斯坦領土", "Palestine"],
    "SY": ["叙方", "敘方", "Syria"],
    "TR": ["土耳其共和国", "土耳其共和國", "Turkey", "Türkiye"],
    "AU": ["澳方", "Australia"],
    "CA": ["加方", "Canada"],
    "VN": ["越方", "Vietnam"],
    "PH": ["菲方", "Philippines"],
    "IT": ["意方", "義方", "Italy"],
    "SA": ["沙方", "沙特", "沙烏地", "Saudi Arabia"],
    "EG": ["埃方", "Egypt"],
    "BY": ["白俄", "Belarus"],
    "MN": ["蒙方", "Mongolia"],
    "LB": ["黎方", "Lebanon"],
    "KZ": ["哈方", "Kazakhstan"],
    "AE": ["阿联酋", "阿聯酋", "UAE"],
    "HK": ["香港特区", "香港特區", "Hong Kong"],
    "MO": ["澳门特区", "澳門特區", "Macau", "Macao"],
    "CZ": ["捷克共和国", "捷克共和國", "Czechia"],
    "MK": ["马其顿", "馬其頓"],
    "NL": ["荷兰", "荷蘭", "Netherlands"],
    "VA": ["梵蒂冈", "梵蒂岡", "教廷"],
    "YE": ["葉門", "也門"],
    "CD": ["刚果民主共和国", "剛果民主共和國", "刚果（金）", "剛果（金）"],
    "CG": ["刚果共和国", "剛果共和國", "刚果（布）", "剛果（布）"],
}

# Variants mined with tools/mine_aliases.py from Chinese Wikipedia, Module:CGroup/地名, Korea and
# Korean (CC BY-SA 4.0): Hong Kong and Taiwan forms that CLDR lacks.
CGROUP_ALIASES: dict[str, list[str]] = {
    "AE": ["阿聯"], "CW": ["古拉索"], "GN": ["畿內亞"], "GW": ["畿內亞比紹"],
    "HM": ["赫德及麥當勞群島"], "IM": ["萌島"], "KE": ["肯雅"], "SH": ["聖海倫娜"],
    "TC": ["土克凱可群島"], "KP": ["北韓方面", "北韩方"], "KR": ["南韓方面", "南韩方", "南朝鲜"],
}

# One-character abbreviations used in compounds (俄乌, 中美, 美韩日) and before suffixes (俄方).
# 巴 goes to Palestine: in this news 巴以 (Palestine-Israel) outnumbers 中巴 (which is split
# between Pakistan and Brazil anyway).
ABBREV = {
    "RU": "俄", "UA": "乌|烏", "KP": "朝", "KR": "韩|韓", "US": "美", "CN": "中", "JP": "日",
    "IR": "伊", "IL": "以", "DE": "德", "FR": "法", "GB": "英", "IN": "印", "PS": "巴",
    "TW": "台|臺", "HK": "港", "VN": "越", "PH": "菲", "AU": "澳", "CA": "加", "IT": "意|義",
    "TR": "土", "SA": "沙", "EG": "埃", "SY": "叙|敘", "BY": "白", "KZ": "哈",
    "MN": "蒙", "TH": "泰", "MY": "马|馬", "SG": "新", "MX": "墨", "PL": "波",
    "HU": "匈", "RS": "塞", "NL": "荷", "GR": "希", "LB": "黎", "LA": "老",
    "KH": "柬", "MM": "缅|緬", "AT": "奥|奧", "PT": "葡",
}

# Capital (or centroid) coordinates, decimal degrees.
COORDS = {
    "AF": (34.53, 69.17), "AL": (41.33, 19.82), "DZ": (36.75, 3.06), "AO": (-8.84, 13.23),
    "AR": (-34.60, -58.38), "AM": (40.18, 44.51), "AU": (-35.28, 149.13), "AT": (48.21, 16.37),
    "AZ": (40.41, 49.87), "BH": (26.23, 50.59), "BD": (23.81, 90.41), "BY": (53.90, 27.57),
    "BE": (50.85, 4.35), "BO": (-16.50, -68.15), "BA": (43.86, 18.41), "BR": (-15.79, -47.88),
    "BG": (42.70, 23.32), "KH": (11.56, 104.92), "CM": (3.87, 11.52), "CA": (45.42, -75.70),
    "CL": (-33.45, -70.67), "CN": (39.90, 116.41), "CO": (4.71, -74.07), "HR": (45.81, 15.98),
    "CU": (23.11, -82.37), "CY": (35.19, 33.38), "CZ": (50.08, 14.44), "DK": (55.68, 12.57),
    "EG": (30.04, 31.24), "EE": (59.44, 24.75), "ET": (9.03, 38.74), "FI": (60.17, 24.94),
    "FR": (48.86, 2.35), "GE": (41.72, 44.79), "DE": (52.52, 13.40), "GR": (37.98, 23.73),
    "HK": (22.32, 114.17), "HU": (47.50, 19.04), "IS": (64.15, -21.94), "IN": (28.61, 77.21),
    "ID": (-6.21, 106.85), "IR": (35.69, 51.39), "IQ": (33.31, 44.37), "IE": (53.35, -6.26),
    "IL": (31.77, 35.21), "IT": (41.90, 12.50), "JP": (35.68, 139.69), "JO": (31.95, 35.93),
    "KZ": (51.17, 71.45), "KE": (-1.29, 36.82), "KP": (39.04, 125.76), "KR": (37.57, 126.98),
    "KW": (29.38, 47.99), "KG": (42.87, 74.59), "LA": (17.98, 102.63), "LV": (56.95, 24.11),
    "LB": (33.89, 35.50), "LY": (32.89, 13.19), "LT": (54.69, 25.28), "LU": (49.61, 6.13),
    "MO": (22.20, 113.55), "MY": (3.14, 101.69), "MX": (19.43, -99.13), "MD": (47.01, 28.86),
    "MN": (47.89, 106.91), "ME": (42.43, 19.26), "MA": (34.02, -6.83), "MM": (19.76, 96.08),
    "NP": (27.72, 85.32), "NL": (52.37, 4.90), "NZ": (-41.29, 174.78), "NG": (9.08, 7.40),
    "MK": (42.00, 21.43), "NO": (59.91, 10.75), "OM": (23.59, 58.41), "PK": (33.68, 73.05),
    "PS": (31.90, 35.20), "PA": (8.98, -79.52), "PE": (-12.05, -77.04), "PH": (14.60, 120.98),
    "PL": (52.23, 21.01), "PT": (38.72, -9.14), "QA": (25.29, 51.53), "RO": (44.43, 26.10),
    "RU": (55.76, 37.62), "SA": (24.71, 46.68), "RS": (44.79, 20.45), "SG": (1.35, 103.82),
    "SK": (48.15, 17.11), "SI": (46.06, 14.51), "ZA": (-25.75, 28.19), "ES": (40.42, -3.70),
    "LK": (6.93, 79.86), "SD": (15.50, 32.56), "SE": (59.33, 18.07), "CH": (46.95, 7.45),
    "SY": (33.51, 36.29), "TW": (25.03, 121.57), "TJ": (38.56, 68.79), "TH": (13.76, 100.50),
    "TN": (36.81, 10.18), "TR": (39.93, 32.86), "TM": (37.96, 58.33), "UA": (50.45, 30.52),
    "AE": (24.45, 54.38), "GB": (51.51, -0.13), "US": (38.90, -77.04), "UZ": (41.30, 69.24),
    "VE": (10.49, -66.88), "VN": (21.03, 105.85), "YE": (15.37, 44.19), "ZM": (-15.39, 28.32),
    "ZW": (-17.83, 31.05), "VA": (41.90, 12.45), "BT": (27.47, 89.64), "MV": (4.18, 73.51),
    "BN": (4.90, 114.94), "TL": (-8.56, 125.56), "PG": (-9.44, 147.18), "FJ": (-18.14, 178.44),
    "SO": (2.05, 45.32), "SS": (4.85, 31.58), "ER": (15.32, 38.93), "DJ": (11.59, 43.15),
    "TZ": (-6.16, 35.75), "UG": (0.35, 32.58), "RW": (-1.95, 30.06), "CD": (-4.32, 15.31),
    "CG": (-4.27, 15.28), "GH": (5.60, -0.19), "CI": (6.83, -5.29), "SN": (14.72, -17.47),
    "ML": (12.64, -8.00), "NE": (13.51, 2.11), "BF": (12.37, -1.52), "TD": (12.13, 15.06),
    "CF": (4.39, 18.56), "MZ": (-25.97, 32.57), "MG": (-18.88, 47.51), "NA": (-22.56, 17.08),
    "BW": (-24.63, 25.92), "EC": (-0.18, -78.47), "UY": (-34.90, -56.16), "PY": (-25.26, -57.58),
    "NI": (12.11, -86.24), "CR": (9.93, -84.08), "GT": (14.63, -90.51), "HN": (14.07, -87.19),
    "SV": (13.69, -89.22), "DO": (18.49, -69.93), "HT": (18.59, -72.31), "JM": (18.02, -76.80),
    "GL": (64.18, -51.72), "XK": (42.66, 21.17), "AD": (42.51, 1.52), "MT": (35.90, 14.51),
    "MC": (43.74, 7.42), "LI": (47.14, 9.52), "SM": (43.94, 12.45),
}
# fmt: on

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(name: str) -> str:
    """Lowercase ASCII slug: 'St. Kitts & Nevis' -> 'saint-kitts-and-nevis'."""
    name = name.replace("&", " and ").replace("St. ", "Saint ")
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return _NON_SLUG.sub("-", ascii_name.lower().replace("’", "")).strip("-")


def unique(items: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        if item and item not in seen:
            seen[item] = None
    return list(seen)


def build_rows() -> list[list[str]]:
    en = Locale("en").territories
    hans = Locale("zh_Hans").territories
    hant = Locale("zh_Hant").territories
    hant_hk = Locale("zh_Hant_HK").territories
    s2t = opencc.OpenCC("s2t.json")
    t2s = opencc.OpenCC("t2s.json")
    s2twp = opencc.OpenCC("s2twp.json")
    s2hk = opencc.OpenCC("s2hk.json")
    rows = []
    for code in sorted(hans):
        if not code.isalpha() or code in SKIPPED_CODES:
            continue
        name_en = NAME_EN_OVERRIDES.get(code, en[code])
        row_id = ID_OVERRIDES.get(code) or slugify(en[code])
        name_hans, name_hant = NAME_ZH_OVERRIDES.get(code, (hans[code], hant[code]))
        forms = [name_hans, name_hant, hans[code], hant[code], hant_hk[code]]
        forms += [s2t.convert(hans[code]), t2s.convert(hant[code]), t2s.convert(hant_hk[code])]
        forms += [s2twp.convert(hans[code]), s2hk.convert(hans[code])]
        forms += EXTRA_ALIASES.get(code, []) + CGROUP_ALIASES.get(code, [])
        forms.append(name_en)
        lat, lon = COORDS.get(code, ("", ""))
        rows.append(
            [
                row_id,
                "country",
                name_en,
                name_hans,
                name_hant,
                "|".join(unique(forms)),
                ABBREV.get(code, ""),
                "",
                str(lat),
                str(lon),
            ]
        )
    return rows


def render(rows: list[list[str]]) -> str:
    out = io.StringIO()
    out.write(
        "# Countries and territories: every CLDR territory (Unicode CLDR via Babel "
        f"{babel.__version__}, Unicode licence),\n"
        "# names from zh_Hans (mainland), zh_Hant (Taiwan), zh_Hant_HK (Hong Kong), plus OpenCC "
        f"{opencc.__version__} s2twp/s2hk conversions (Apache-2.0);\n"
        "# variants from Chinese Wikipedia, Module:CGroup/地名, Korea, Korean (CC BY-SA 4.0);\n"
        "# hand-made aliases, abbreviations and capital coordinates: tools/build_countries.py.\n"
        "# Generated file: edit tools/build_countries.py and re-run it, do not edit by hand.\n"
    )
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue()


def main() -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(render(build_rows()), encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
