"""Settings: every knob from the environment, read in one place, with an error naming the
variable when its value cannot be used."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analysis import cli
from analysis.settings import (
    DEFAULT_CACHE,
    DEFAULT_STORE,
    VARIABLES,
    Settings,
    SettingsError,
    default_workers,
)
from tests.conftest import ROOT


def test_an_empty_environment_gives_the_defaults():
    settings = Settings.from_env({})
    assert settings == Settings()
    assert settings.store == DEFAULT_STORE and DEFAULT_STORE.parts[-2:] == ("data", "store")
    assert settings.cache_dir == DEFAULT_CACHE
    assert settings.topics_file is None and settings.font is None and settings.browser is None
    assert settings.ingest_workers == default_workers()
    assert 1 <= settings.ingest_workers <= 4
    assert (settings.batch_articles, settings.duckdb_threads) == (20_000, 2)
    assert settings.query_cache_entries == 256
    assert settings.image_cache_entries == 64
    assert settings.debug is False


def test_empty_values_count_as_unset():
    environ = {variable: "  " for variable, _ in VARIABLES.values()}
    assert Settings.from_env(environ) == Settings()


@pytest.mark.parametrize(
    ("variable", "text", "field", "value"),
    [
        ("NEWSLENS_STORE", "/srv/news/store", "store", Path("/srv/news/store")),
        ("NEWSLENS_TOPICS", "my-topics.toml", "topics_file", Path("my-topics.toml")),
        ("NEWSLENS_CACHE", "/tmp/newslens-cache", "cache_dir", Path("/tmp/newslens-cache")),
        ("NEWSLENS_FONT", "/fonts/cjk.otf", "font", Path("/fonts/cjk.otf")),
        ("BROWSER_PATH", "/opt/chrome/chrome", "browser", Path("/opt/chrome/chrome")),
        ("NEWSLENS_WORKERS", "3", "ingest_workers", 3),
        ("NEWSLENS_BATCH_ARTICLES", "500", "batch_articles", 500),
        ("NEWSLENS_DUCKDB_THREADS", " 8 ", "duckdb_threads", 8),
        ("NEWSLENS_QUERY_CACHE_ENTRIES", "10", "query_cache_entries", 10),
        ("NEWSLENS_IMAGE_CACHE_ENTRIES", "5", "image_cache_entries", 5),
        ("NEWSLENS_DEBUG", "1", "debug", True),
        ("NEWSLENS_DEBUG", "Yes", "debug", True),
        ("NEWSLENS_DEBUG", "0", "debug", False),
    ],
)
def test_each_variable_sets_its_field_and_only_it(variable, text, field, value):
    settings = Settings.from_env({variable: text})
    assert getattr(settings, field) == value
    others = {name: getattr(settings, name) for name in VARIABLES if name != field}
    assert others == {name: getattr(Settings(), name) for name in others}


def test_every_field_has_a_variable_tested_above():
    assert {variable for variable, _ in VARIABLES.values()} == {
        "NEWSLENS_STORE",
        "NEWSLENS_TOPICS",
        "NEWSLENS_CACHE",
        "NEWSLENS_FONT",
        "BROWSER_PATH",
        "NEWSLENS_WORKERS",
        "NEWSLENS_BATCH_ARTICLES",
        "NEWSLENS_DUCKDB_THREADS",
        "NEWSLENS_QUERY_CACHE_ENTRIES",
        "NEWSLENS_IMAGE_CACHE_ENTRIES",
        "NEWSLENS_DEBUG",
    }


@pytest.mark.parametrize(
    ("variable", "text"),
    [
        ("NEWSLENS_WORKERS", "abc"),
        ("NEWSLENS_WORKERS", "0"),
        ("NEWSLENS_WORKERS", "2.5"),
        ("NEWSLENS_DUCKDB_THREADS", "-1"),
        ("NEWSLENS_BATCH_ARTICLES", "many"),
        ("NEWSLENS_DEBUG", "maybe"),
    ],
)
def test_a_bad_value_is_an_error_naming_the_variable_and_the_value(variable, text):
    with pytest.raises(SettingsError, match=re.escape(variable)) as caught:
        Settings.from_env({variable: text})
    assert repr(text) in str(caught.value)


def test_the_command_line_names_a_bad_variable_and_exits_2(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("NEWSLENS_WORKERS", "abc")
    with pytest.raises(SystemExit) as caught:
        cli.main(["stats", "--store", str(tmp_path)])
    assert caught.value.code == cli.EXIT_USAGE
    error = capsys.readouterr().err
    assert "NEWSLENS_WORKERS" in error and "'abc'" in error and "Traceback" not in error


def test_the_readme_documents_every_variable():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Settings", 1)[1].split("\n## ", 1)[0]
    documented = re.findall(r"^\| `([A-Z_]+)` \|", section, flags=re.M)
    assert sorted(documented) == sorted(variable for variable, _ in VARIABLES.values())
