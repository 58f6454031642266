"""Ingest of the whole xwlb corpus into a fresh store, as a user runs it, both cores.

.venv/bin/python bench/ingest_xwlb.py [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared/corpora/xwlb-cctv-zh-hans/news"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    size = sum(p.stat().st_size for p in CORPUS.glob("*.md"))
    with tempfile.TemporaryDirectory() as store:
        started = time.perf_counter()
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "analysis",
                "ingest",
                str(CORPUS),
                "--store",
                store,
                "--workers",
                str(args.workers),
                "--quiet",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        seconds = time.perf_counter() - started
        stats = subprocess.run(
            [sys.executable, "-m", "analysis", "stats", "--store", store, "--json"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    print(
        f"machine: {platform.machine()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} cores, workers={args.workers}; analysis: {_build()}"
    )
    print(
        result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr[-2000:]
    )
    print(f"ingest of {size / 1e6:.1f} MB: {seconds:.1f} s wall ({size / 1e6 / seconds:.2f} MB/s)")
    print(f"stats: {stats}")


def _build() -> str:
    """Which build of the analysis the ingest command ran (the same sources and environment)."""
    sys.path.insert(0, str(ROOT))
    from analysis.language.analyze import Analyzer

    return Analyzer().build


if __name__ == "__main__":
    main()
