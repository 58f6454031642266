"""Parse throughput (MB/s) of the readers on the xwlb corpus: read + split into articles,
no analysis, one process.

    .venv/bin/python bench/parse_throughput.py [--corpus ../shared/corpora/xwlb-cctv-zh-hans/news]
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.sources import read_bytes

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared/corpora/xwlb-cctv-zh-hans/news"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3, help="runs; the best is reported")
    args = parser.parse_args()
    files = sorted(p for p in args.corpus.glob("*.md"))
    payloads = [(p.name, p.read_bytes()) for p in files]
    size = sum(len(b) for _, b in payloads)
    best = float("inf")
    for _ in range(args.repeat):
        started = time.perf_counter()
        articles = rejected = 0
        for name, data in payloads:
            result = read_bytes(data, name=name)
            articles += len(result.articles)
            rejected += bool(result.rejected)
        best = min(best, time.perf_counter() - started)
    print(f"machine: {platform.machine()}, {platform.python_version()}, cores={_cores()}")
    print(f"files {len(payloads)}, {size / 1e6:.1f} MB, stories {articles}, rejected {rejected}")
    print(f"parse: {best:.2f} s, {size / 1e6 / best:.1f} MB/s (best of {args.repeat})")


def _cores() -> int:
    import os

    return os.cpu_count() or 1


if __name__ == "__main__":
    main()
