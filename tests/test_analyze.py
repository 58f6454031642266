"""The whole analysis of an article, as the store and the dashboard receive it."""

from __future__ import annotations

import pytest
from gazetteer_fixture import shipped_or_fixture_gazetteer
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.language.text import clean_text, to_simplified
from analysis.model import TEASER, Article
from tests.conftest import SEED
from tests.language_helpers import analyze_article

SEED_FILE = SEED


def seed_article() -> Article:
    text = SEED_FILE.read_text(encoding="utf-8").split("國際分類資訊推薦")[0]
    title, _, body = text.partition("\n")
    return Article(title=title.strip(), body=body.strip(), lang="zh-Hant", source="天天要聞")


def simplified(article: Article) -> Article:
    return Article(
        title=to_simplified(article.title),
        body=to_simplified(article.body),
        lang="zh-Hans",
        source=article.source,
    )


def test_seed_is_about_russia_dprk_and_the_war_in_ukraine() -> None:
    result = analyze_article(seed_article(), gazetteer=shipped_or_fixture_gazetteer())
    assert {"russia-dprk", "ukraine-war"} <= set(result.topics)
    ids = {e.id for e in result.entities if e.known}
    assert {"russia", "north-korea", "ukraine", "vladimir-putin", "kim-jong-un"} <= ids


def test_seed_in_traditional_and_simplified_gives_the_same_analysis() -> None:
    gazetteer = shipped_or_fixture_gazetteer()
    hant = analyze_article(seed_article(), gazetteer=gazetteer)
    hans = analyze_article(simplified(seed_article()), gazetteer=gazetteer)

    def key(result):
        return sorted((e.id, e.type, e.count, e.known) for e in result.entities)

    assert key(hant) == key(hans)
    assert hant.topics == hans.topics
    assert hant.terms == hans.terms
    assert len(hant.events) == len(hans.events)


def test_surface_forms_keep_the_articles_script() -> None:
    result = analyze_article(seed_article(), gazetteer=shipped_or_fixture_gazetteer())
    korea = next(e for e in result.entities if e.id == "north-korea")
    assert "朝鮮" in korea.surface_forms and "朝鲜" not in korea.surface_forms


def test_title_is_analysed_with_the_body() -> None:
    article = Article(title="普京會見金正恩", body="雙方舉行了會談。", lang="zh-Hant")
    result = analyze_article(article, gazetteer=shipped_or_fixture_gazetteer())
    assert {"vladimir-putin", "kim-jong-un"} <= {e.id for e in result.entities}


@pytest.mark.parametrize(
    "article",
    [
        Article(title="普京會見金正恩", body="俄朝會談", lang="zh-Hant", kind=TEASER),
        Article(title="Putin meets Kim", body="Russia and North Korea", lang="en"),
        Article(title="プーチン", body="ロシアと北朝鮮", lang="ja"),
    ],
)
def test_teasers_and_other_languages_are_kept_but_not_analysed(article: Article) -> None:
    result = analyze_article(article, gazetteer=shipped_or_fixture_gazetteer())
    assert result.article == article
    assert (result.entities, result.events, result.topics, result.terms) == ((), (), (), {})


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_normalising_twice_changes_nothing(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once
    assert to_simplified(to_simplified(once)) == to_simplified(once)
