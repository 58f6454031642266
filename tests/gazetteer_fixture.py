"""A tiny gazetteer in the real CSV format, so entity tests do not depend on the shipped data."""
# ruff: noqa: E501  (CSV rows are data; splitting them would change them)

from __future__ import annotations

import functools

from analysis.language.gazetteer import Gazetteer, build_gazetteer, load_gazetteer, parse_entries

HEADER = "id,type,name_en,name_hans,name_hant,aliases,abbrev,country,lat,lon"

COUNTRIES = f"""# test countries
{HEADER}
russia,country,Russia,俄罗斯,俄羅斯,俄罗斯|俄羅斯|俄国|俄國|俄方,俄,,61.5,105.3
ukraine,country,Ukraine,乌克兰,烏克蘭,乌克兰|烏克蘭|乌方|烏方,乌|烏,,49.0,32.0
north-korea,country,North Korea,朝鲜,朝鮮,朝鲜|朝鮮|北韩|北韓|朝方,朝,,40.0,127.0
south-korea,country,South Korea,韩国,韓國,韩国|韓國|南韩|南韓,韩|韓,,36.5,127.8
united-states,country,United States,美国,美國,美国|美國|美方,美,,39.8,-98.6
china,country,China,中国,中國,中国|中國|中方,中,,35.0,103.0
japan,country,Japan,日本,日本,日本|日方,日,,36.0,138.0
israel,country,Israel,以色列,以色列,以色列,以,,31.0,35.0
iran,country,Iran,伊朗,伊朗,伊朗,伊,,32.0,53.0
"""

PEOPLE = f"""# test people
{HEADER}
vladimir-putin,person,Vladimir Putin,普京,普京,普京|普丁|普廷|蒲亭|Putin,,russia,,
kim-jong-un,person,Kim Jong Un,金正恩,金正恩,金正恩,,north-korea,,
dmitry-peskov,person,Dmitry Peskov,佩斯科夫,佩斯科夫,佩斯科夫,,russia,,
"""

PLACES = f"""# test places
{HEADER}
urumqi,place,Urumqi,乌鲁木齐,烏魯木齊,乌鲁木齐|烏魯木齊,,china,43.8,87.6
vostochny-cosmodrome,place,Vostochny Cosmodrome,东方航天发射场,東方航天發射場,东方航天发射场|東方航天發射場,,russia,51.9,128.3
sevastopol,place,Sevastopol,塞瓦斯托波尔,塞瓦斯托波爾,塞瓦斯托波尔|塞瓦斯托波爾,,ukraine,44.6,33.5
crimea,place,Crimea,克里米亚,克里米亞,克里米亚|克里米亞,,ukraine,45.3,34.4
gaza,place,Gaza,加沙,加沙,加沙|加薩|加沙地带,,,31.4,34.4
"""

ORGANIZATIONS = f"""# test organisations
{HEADER}
russian-ministry-of-defence,organization,Russian Ministry of Defence,俄罗斯国防部,俄羅斯國防部,俄罗斯国防部|俄國防部|俄国防部,,russia,,
"""

ARMED_FORCES = f"""{HEADER}
russian-armed-forces,organization,Russian Armed Forces,俄军,俄軍,俄军|俄軍|俄罗斯军队,,russia,,
"""


def fixture_gazetteer(*, with_armed_forces: bool = False) -> Gazetteer:
    files = [COUNTRIES, ORGANIZATIONS, PEOPLE, PLACES]
    if with_armed_forces:
        files.append(ARMED_FORCES)
    entries = [e for i, text in enumerate(files) for e in parse_entries(text, source=f"fixture{i}")]
    return build_gazetteer(entries)


@functools.cache
def shipped_or_fixture_gazetteer() -> Gazetteer:
    """The shipped gazetteer when its files are there, else the fixture (one object for the
    whole session, so that tests share one Analyzer built on it)."""
    try:
        return load_gazetteer()
    except ValueError:
        return fixture_gazetteer()
