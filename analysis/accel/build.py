"""Compile the language wing with mypyc, and jieba's segmentation in C, in place.

    .venv/bin/python scripts/build_native.py           compile (nothing to do when current)
    .venv/bin/python scripts/build_native.py --clean   remove every compiled file

(scripts/build_native.py runs `main` here.)
Both are optional speed-ups (analysis/accel/): mypyc compiles the modules of analysis/language/
listed below from their own typed sources into a `.so` beside each `.py`, which Python imports
instead, and analysis/accel/segmenter.c becomes analysis.accel._segmenter. It takes about half a
minute and needs a C compiler (gcc) and the Python headers. When it cannot compile, it says why,
removes any half-built files and leaves plain Python, with the same results, slower: it exits 0
unless --require is given.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import sysconfig
from pathlib import Path

ACCEL = Path(__file__).resolve().parent
ROOT = ACCEL.parent.parent
LANGUAGE = ROOT / "analysis" / "language"

# The per-article modules. text.py and gazetteer.py stay Python: they are loaded once, and
# text.py's OpenCC converter gains nothing compiled.
COMPILED_MODULES = (
    "abbreviations",
    "analyze",
    "entities",
    "event_dedupe",
    "event_vocabulary",
    "events",
    "memo",
    "numerals",
    "patterns",
    "sentences",
    "tokenize",
    "topics",
)
SHARED_LIBRARY = "analysis.accel.language"  # mypyc's code for all of them: accel/language__mypyc

# Run in a child process: setuptools takes its arguments from the command line.
_SETUP = """
import sys
from setuptools import Extension, setup
from mypyc.build import mypycify
build, paths = sys.argv[1], sys.argv[2:]
sys.argv = [sys.argv[0], "build_ext", "--inplace", "--force", "--build-temp", build]
modules = mypycify(paths, opt_level="3", target_dir=build + "/c", group_name=GROUP)
segmenter = "analysis/accel/segmenter.c"
modules.append(Extension("analysis.accel._segmenter", [segmenter], extra_compile_args=["-O2"]))
setup(name="newslens-native", packages=[], py_modules=[], ext_modules=modules)
"""


def compiled_files() -> list[Path]:
    """Every file a build puts in place."""
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    return [
        *(LANGUAGE / f"{name}{suffix}" for name in COMPILED_MODULES),
        ACCEL / f"language__mypyc{suffix}",
        ACCEL / f"_segmenter{suffix}",
    ]


def sources() -> list[Path]:
    return [*(LANGUAGE / f"{name}.py" for name in COMPILED_MODULES), ACCEL / "segmenter.c"]


def is_current() -> bool:
    """Every compiled file is there and newer than every source (mypyc compiles the modules
    together, so one edit calls for all of them)."""
    built = compiled_files()
    if not all(path.is_file() for path in built):
        return False
    return min(p.stat().st_mtime for p in built) >= max(p.stat().st_mtime for p in sources())


def clean() -> None:
    for path in compiled_files():
        path.unlink(missing_ok=True)


def compile_in_place() -> str | None:
    """Compile; None, or what failed (the compiled files are then removed)."""
    build = ROOT / "build" / "native"
    build.mkdir(parents=True, exist_ok=True)
    log = build / "build.log"
    paths = [str(p.relative_to(ROOT)) for p in sources() if p.suffix == ".py"]
    setup = _SETUP.replace("GROUP", repr(SHARED_LIBRARY))
    try:
        with log.open("w", encoding="utf-8") as out:
            done = subprocess.run(
                [sys.executable, "-c", setup, str(build), *paths],
                cwd=ROOT,
                stdout=out,
                stderr=subprocess.STDOUT,
                check=False,
            )
    except OSError as problem:
        return str(problem)
    if done.returncode != 0 or not is_current():
        clean()  # a half-built set could mix two versions
        lines = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
        last = lines[-1] if lines else f"exit status {done.returncode}"
        return f"{last}; the whole log is in {log.relative_to(ROOT)}"
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clean", action="store_true", help="remove the compiled files")
    parser.add_argument("--require", action="store_true", help="exit 1 when it cannot compile")
    args = parser.parse_args()
    if args.clean:
        clean()
        print("build_native: compiled files removed; the analysis runs as plain Python")
        return 0
    if is_current():
        print("build_native: the compiled build is up to date")
        return 0
    try:
        error = compile_in_place()
    except OSError as problem:  # the folder cannot be written, say
        error = str(problem)
    if error is None:
        print(f"build_native: compiled {len(COMPILED_MODULES)} modules and the C segmenter")
        return 0
    print(
        f"build_native: not compiled ({error}); the analysis runs as plain Python: "
        "same results, slower",
        file=sys.stderr,
    )
    return 1 if args.require else 0
