"""The compiled build of the analysis (analysis/native.py): used only when it matches the
sources, and it gives exactly what plain Python gives."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from analysis.accel import native
from tests.conftest import ROOT

SAMPLES = sorted((ROOT / "data" / "sample" / "written").glob("*.*"))


def test_a_build_from_other_sources_is_not_used(tmp_path, monkeypatch) -> None:
    stamp = tmp_path / "STAMP"
    stamp.write_text("0" * 64 + "\n", encoding="ascii")
    monkeypatch.setattr(native, "STAMP_FILE", stamp)
    monkeypatch.setattr(native, "_state", {})  # this process's own status stays as it is
    monkeypatch.delenv(native.PURE_PYTHON_ENV, raising=False)
    with pytest.warns(UserWarning, match="compiled from other sources"):
        assert native.package_path(["src"]) == ["src"]
    assert "older than the sources" in native.status()


def test_a_matching_build_goes_first_unless_plain_python_is_asked_for(
    tmp_path, monkeypatch
) -> None:
    stamp = tmp_path / "STAMP"
    stamp.write_text(native.source_stamp() + "\n", encoding="ascii")
    monkeypatch.setattr(native, "STAMP_FILE", stamp)
    monkeypatch.setattr(native, "BUILD_DIR", tmp_path)
    monkeypatch.setattr(native, "_state", {})
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.delenv(native.PURE_PYTHON_ENV, raising=False)
    assert native.package_path(["src"]) == [str(tmp_path / "analysis"), "src"]
    assert str(tmp_path) in sys.path
    monkeypatch.setenv(native.PURE_PYTHON_ENV, "1")
    assert native.package_path(["src"]) == ["src"]
    assert native.PURE_PYTHON_ENV in native.status()


def test_an_edit_to_any_module_changes_the_stamp(tmp_path, monkeypatch) -> None:
    package = tmp_path / "analysis"
    package.mkdir()
    (package / "events.py").write_text("X = 1\n", encoding="utf-8")
    monkeypatch.setattr(native, "PACKAGE_DIR", package)
    before = native.source_stamp()
    (package / "model.py").write_text("Y = 2\n", encoding="utf-8")
    assert native.source_stamp() != before


def _analyze(paths: list[str], *, pure: bool) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT), native.PURE_PYTHON_ENV: "1" if pure else ""}
    code = (
        "import sys; from analysis import native; from analysis.cli import main; "
        "print(native.status(), flush=True); sys.exit(main(['analyze', *sys.argv[1:], '--json']))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *paths],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_compiled_and_plain_python_give_the_same_analysis() -> None:
    if not native.STAMP_FILE.is_file():
        pytest.skip("no compiled build (run scripts/build_native.py): nothing to compare")
    paths = [str(p) for p in SAMPLES]
    compiled = _analyze(paths, pure=False)
    plain = _analyze(paths, pure=True)
    compiled_status, _, compiled_records = compiled.partition("\n")
    plain_status, _, plain_records = plain.partition("\n")
    assert compiled_status.startswith("compiled"), compiled_status
    assert plain_status.startswith("plain"), plain_status
    assert compiled_records.count('"events"') >= len(SAMPLES) > 10  # a CSV holds several
    assert compiled_records == plain_records


def test_this_test_run_uses_the_compiled_build_when_there_is_one() -> None:
    if not native.STAMP_FILE.is_file():
        pytest.skip("no compiled build (run scripts/build_native.py): plain Python under test")
    if os.environ.get(native.PURE_PYTHON_ENV):
        pytest.skip(f"{native.PURE_PYTHON_ENV} is set: plain Python under test")
    if "older" in native.status():
        pytest.skip("the compiled build is older than the sources: plain Python under test")
    import analysis.language.analyze  # noqa: F401  (imports every compiled module)

    assert native.status().startswith("compiled"), native.status()
    assert native.compiled_in_use()
