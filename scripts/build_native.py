"""Compile the per-article analysis with mypyc, and jieba's segmentation in C
(analysis/csrc/segmenter.c), into build/native (see analysis/native.py).

    .venv/bin/python scripts/build_native.py

Nothing to do when the build already matches the sources. The README's commands run this after
installing the requirements (mypy, which carries mypyc, and setuptools are among them); it takes
about half a minute and needs a C compiler (gcc) and the Python headers. When it cannot compile,
it says why and leaves the analysis to run as plain Python, with the same results, slower:
it always exits 0 unless --require is given.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# native.PURE_PYTHON_ENV, set before `analysis` is imported: this script reads the sources only
os.environ["NEWSLENS_PURE_PYTHON"] = "1"
sys.path.insert(0, str(ROOT))

from analysis.accel.native import (  # noqa: E402
    BUILD_DIR,
    C_EXTENSIONS,
    COMPILED_MODULES,
    STAMP_FILE,
    source_stamp,
)
from analysis.paths import PACKAGE_DIR  # noqa: E402

# Run in a child process: setuptools takes its arguments from the command line.
_SETUP = """
import sys
from setuptools import Extension, setup
from mypyc.build import mypycify
build, c_sources, paths = sys.argv[1], [s for s in sys.argv[2].split(",") if s], sys.argv[3:]
sys.argv = [sys.argv[0], "build_ext", "--build-lib", build, "--build-temp", build + "/temp"]
modules = mypycify(paths, opt_level="3", target_dir=build + "/c")
for source in c_sources:
    name = "analysis._" + source.rsplit("/", 1)[-1].removesuffix(".c")
    modules.append(Extension(name, [source], extra_compile_args=["-O2"]))
setup(name="newslens-native", packages=[], py_modules=[], ext_modules=modules)
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--require", action="store_true", help="exit 1 when it cannot compile")
    args = parser.parse_args()
    stamp = source_stamp()
    if STAMP_FILE.is_file() and STAMP_FILE.read_text(encoding="ascii").strip() == stamp:
        print(f"build_native: {BUILD_DIR.relative_to(ROOT)} is up to date")
        return 0
    try:
        error = compile_into(BUILD_DIR, stamp)
    except OSError as problem:  # the folder cannot be written, say
        error = f"{BUILD_DIR}: {problem.strerror or problem}"
    if error is None:
        print(
            f"build_native: compiled {len(COMPILED_MODULES)} modules and "
            f"{len(C_EXTENSIONS)} C extension into "
            f"{BUILD_DIR.relative_to(ROOT)}"
        )
        return 0
    print(
        f"build_native: not compiled ({error}); the analysis runs as plain Python: "
        "same results, slower",
        file=sys.stderr,
    )
    return 1 if args.require else 0


def compile_into(build: Path, stamp: str) -> str | None:
    """Compile into a fresh folder, then put it in place of `build`; None, or what failed."""
    build.parent.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(build, ignore_errors=True)
    fresh = Path(tempfile.mkdtemp(prefix="native-", dir=build.parent))
    paths = [f"analysis/{name}.py" for name in COMPILED_MODULES]
    c_sources = ",".join(f"analysis/csrc/{name}.c" for name in C_EXTENSIONS)
    log = fresh / "build.log"
    try:
        with log.open("w", encoding="utf-8") as out:
            done = subprocess.run(
                [sys.executable, "-c", _SETUP, str(fresh), c_sources, *paths],
                cwd=ROOT,
                stdout=out,
                stderr=subprocess.STDOUT,
                env={**os.environ, "NEWSLENS_PURE_PYTHON": "1"},
                check=False,
            )
    except OSError as problem:
        shutil.rmtree(fresh, ignore_errors=True)
        return str(problem)
    names = [*COMPILED_MODULES, *(f"_{name}" for name in C_EXTENSIONS)]
    built = [fresh / "analysis" / f"{name}{_suffix()}" for name in names]
    if done.returncode != 0 or not all(p.is_file() for p in built):
        kept = build.parent / "native-failed.log"
        shutil.copyfile(log, kept)
        shutil.rmtree(fresh, ignore_errors=True)
        lines = kept.read_text(encoding="utf-8", errors="replace").strip().splitlines()
        last = lines[-1] if lines else f"exit status {done.returncode}"
        return f"{last}; the whole log is in {kept.relative_to(ROOT)}"
    if source_stamp() != stamp:  # edited while compiling: the build may mix two versions
        shutil.rmtree(fresh, ignore_errors=True)
        return f"{PACKAGE_DIR.relative_to(ROOT)} changed while compiling; run it again"
    shutil.rmtree(fresh / "temp", ignore_errors=True)  # object files
    (fresh / "STAMP").write_text(stamp + "\n", encoding="ascii")
    fresh.rename(build)
    return None


def _suffix() -> str:
    import sysconfig

    return str(sysconfig.get_config_var("EXT_SUFFIX"))


if __name__ == "__main__":
    sys.exit(main())
