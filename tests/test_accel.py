"""The optional speed-ups (analysis/accel): the compiled build gives exactly what plain Python
gives, it is the one imported when it is there, and a build older than its source is named."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import accel
from tests.conftest import ROOT

SAMPLES = [*sorted((ROOT / "data" / "sample").rglob("*.*"))]
COMPILED = sorted((ROOT / "analysis").rglob("*.so"))


def _analyze_with(tree: Path) -> str:
    """`python -m analysis analyze --json` on the samples, importing analysis/ from `tree`."""
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "analyze", *map(str, SAMPLES), "--json"],
        cwd=tree,
        env={**os.environ, "PYTHONPATH": str(tree)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_compiled_and_plain_python_give_the_same_analysis(tmp_path) -> None:
    if not COMPILED:
        pytest.skip("no compiled build (run scripts/build_native.py): nothing to compare")
    plain = tmp_path / "plain"
    shutil.copytree(
        ROOT / "analysis", plain / "analysis", ignore=shutil.ignore_patterns("*.so", "__pycache__")
    )
    compiled_records = _analyze_with(ROOT)
    assert compiled_records.count('"events"') >= len(SAMPLES) > 10  # a CSV holds several
    assert compiled_records == _analyze_with(plain)


def test_this_test_run_uses_the_compiled_build_when_there_is_one() -> None:
    if not COMPILED:
        pytest.skip("no compiled build (run scripts/build_native.py): plain Python under test")
    from analysis.language.analyze import Analyzer

    assert accel.stale_builds() == []
    assert (
        Analyzer().build
        == f"compiled with mypyc ({len(accel.compiled_modules())} modules), cut by C segmenter"
    )
    assert "analysis.language.entities" in accel.compiled_modules()


def test_a_build_older_than_its_source_is_named_and_warned_about(tmp_path, monkeypatch) -> None:
    (tmp_path / "entities.py").write_text("x = 1\n")
    built = tmp_path / "entities.cpython-311-x86_64-linux-gnu.so"
    built.write_bytes(b"")
    os.utime(built, (1_000_000, 1_000_000))  # older than the source
    (tmp_path / "events.py").write_text("x = 1\n")  # not compiled: nothing to say
    monkeypatch.setattr(accel, "LANGUAGE_DIR", tmp_path)
    assert accel.stale_builds() == ["entities.py"]
    with pytest.warns(UserWarning, match="entities.py"):
        accel.warn_if_stale()


def test_without_the_c_segmenter_rjieba_cuts(monkeypatch) -> None:
    monkeypatch.setattr(accel, "load_segmenter", lambda: None)
    from analysis.language.tokenize import Tokenizer

    tokenizer = Tokenizer(user_words=[("塞瓦斯托波尔", "ns")])
    assert tokenizer.cutter.name == "rjieba"
    words, counts = tokenizer.cutter.cut_and_count("乌克兰袭击塞瓦斯托波尔，塞瓦斯托波尔")
    assert "塞瓦斯托波尔" in words and counts["塞瓦斯托波尔"] == 2 and "，" not in counts


def test_without_a_compiler_the_build_says_so_and_leaves_plain_python(tmp_path) -> None:
    """The README's first command runs scripts/build_native.py: with no working C compiler it
    must not fail the command, and must leave no half-built files."""
    shutil.copytree(
        ROOT / "analysis",
        tmp_path / "analysis",
        ignore=shutil.ignore_patterns("*.so", "__pycache__"),
    )
    shutil.copytree(ROOT / "scripts", tmp_path / "scripts")
    shutil.copy(ROOT / "pyproject.toml", tmp_path)  # mypy's settings, as in a checkout
    done = subprocess.run(
        [sys.executable, "scripts/build_native.py"],
        cwd=tmp_path,
        env={**os.environ, "CC": "false", "LDSHARED": "false"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "not compiled" in done.stderr and "plain Python" in done.stderr
    assert "false' failed with exit code" in done.stderr  # the compiler, not an earlier step
    assert sorted((tmp_path / "analysis").rglob("*.so")) == []
