"""The word cloud and PNG exports draw Chinese with the font the README's install brings."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from app_support import FIXTURE_CORPUS, SAMPLE_CORPUS, build_fixture_store
from fontTools.ttLib import TTFont

from analysis.language.text import to_simplified, to_traditional
from analysis.model import Filter
from analysis.queries import core as queries
from analysis.render import charts, fonts, images
from analysis.settings import Settings

SHARED_CORPORA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"


@pytest.fixture(scope="module")
def cmap() -> set[int]:
    return set(TTFont(str(fonts.wordcloud_font_path(CACHE))).getBestCmap())


CACHE = Settings.from_env().cache_dir
NEWS_CORPORA = ("tw-news-2025-11-zh-hant", "xwlb-cctv-zh-hans")  # the others are not news text


def corpora() -> list[Path]:
    found = [FIXTURE_CORPUS, SAMPLE_CORPUS]
    if SHARED_CORPORA.is_dir():
        found += [SHARED_CORPORA / name for name in NEWS_CORPORA]
    return found


@pytest.mark.parametrize("corpus", corpora(), ids=lambda p: p.name)
def test_the_font_covers_every_character_of_the_top_500_terms(
    corpus: Path, cmap: set[int], tmp_path: Path
) -> None:
    store = build_fixture_store(tmp_path / "store", corpus)
    terms = queries.terms(store, Filter(), limit=500)["term"]
    assert len(terms) >= 100, f"{corpus.name} gave only {len(terms)} terms"
    shown = {form for term in terms for form in (term, to_traditional(term), to_simplified(term))}
    missing = sorted({ch for form in shown for ch in form if ord(ch) not in cmap})
    assert not missing, f"no glyph for {''.join(missing)}"


def test_the_extracted_face_is_traditional_chinese() -> None:
    names = TTFont(str(fonts.wordcloud_font_path(CACHE)))["name"]
    assert "Noto Sans CJK TC" in str(names.getDebugName(1))


@pytest.mark.skipif(not shutil.which("fc-match"), reason="fc-match (fontconfig) is not installed")
def test_chromium_finds_the_font_through_the_generated_fonts_conf() -> None:
    env = {"FONTCONFIG_FILE": str(fonts.fontconfig_file(CACHE)), "PATH": "/usr/bin:/bin"}
    found = subprocess.run(
        ["fc-match", "Noto Sans CJK TC"], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert "Noto Sans CJK TC" in found


@pytest.mark.skipif(not images.png_export_available(), reason="no Chromium for kaleido")
def test_a_chart_exports_as_png_on_the_server() -> None:
    import plotly.graph_objects as go

    png = images.figure_png(charts.style(go.Figure(go.Bar(x=["俄羅斯", "朝鮮"], y=[2, 1]))))
    assert png is not None and png.startswith(b"\x89PNG")


def test_the_word_cloud_is_a_png() -> None:
    png = images.wordcloud_png({"俄羅斯": 5, "导弹": 3})
    assert png is not None and png.startswith(b"\x89PNG")
