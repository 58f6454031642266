"""Analysis speed on the xwlb corpus, measured side by side in one run, one process:
the whole analysis (normalise, tokenise, entities, events, topics, terms) per article, plain
`jieba.lcut`, and the bare project tokenizer.

    .venv/bin/python bench/analysis_speed.py [--mb 4] [--runs 3] [--pure]

The text is the stories' titles and bodies as the readers give them (HTML already removed).
Each run is a fresh process, and the whole analysis is measured first, so it learns every word
of the corpus as an ingest does (nothing learnt or cached before it). With --runs N > 1, N runs
of each build alternate: compiled (mypyc and the C segmenter, as `scripts/build_native.py` left
them), plain Python with the C segmenter, and plain Python (rjieba cuts); each imports a copy of
analysis/ that holds only that build's compiled files. --pure measures plain Python only. Their
lines are printed, then the best and the median of each measurement. On a shared virtual
machine the same run varies by ±10 % from minute to minute, which is why one run is not enough
to read a figure from.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# a run of one build imports its own copy of analysis/ (--tree), else the working tree's
_TREE = sys.argv[sys.argv.index("--tree") + 1] if "--tree" in sys.argv else str(ROOT)
sys.path.insert(0, _TREE)

from analysis.sources import read_bytes  # noqa: E402

CORPUS = ROOT.parent / "shared/corpora/xwlb-cctv-zh-hans/news"


def load_articles(limit_mb: float):
    articles, size = [], 0
    for path in sorted(CORPUS.glob("*.md")):
        for article in read_bytes(path.read_bytes(), name=path.name).articles:
            articles.append(article)
            size += len((article.title + article.body).encode("utf-8"))
        if size >= limit_mb * 1e6:
            break
    return articles, size


def timed(label: str, size: int, work) -> float:
    started = time.perf_counter()
    work()
    seconds = time.perf_counter() - started
    print(f"{label:44} {seconds:7.2f} s  {size / 1e6 / seconds:6.2f} MB/s", flush=True)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=4.0, help="MB of text to measure on")
    parser.add_argument("--runs", type=int, default=1, help="fresh processes to measure in")
    parser.add_argument("--pure", action="store_true", help="plain Python only, not compiled")
    parser.add_argument("--tree", help=argparse.SUPPRESS)  # the copy of analysis/ a run imports
    args = parser.parse_args()
    if args.runs > 1 or args.pure:
        summarize_runs(args.mb, args.runs, builds=("plain",) if args.pure else BUILDS)
    else:
        measure(args.mb)


# Which compiled files each build keeps: all, the C segmenter only, none.
BUILDS = {
    "compiled": lambda name: True,
    "plain + C segmenter": lambda name: name.startswith("_segmenter."),
    "plain": lambda name: False,
}


def copy_build(build: str, into: Path) -> Path:
    """A copy of analysis/ with only the compiled files `build` keeps."""
    keep = BUILDS[build]
    shutil.copytree(
        ROOT / "analysis",
        into / "analysis",
        ignore=lambda folder, names: [n for n in names if n.endswith(".so") and not keep(n)],
    )
    return into


def summarize_runs(mb: float, runs: int, builds) -> None:
    """Run `measure` in `runs` fresh processes per build, alternating builds; print each run,
    then best and median per build and line."""
    speeds: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        trees = {build: copy_build(build, Path(scratch) / str(n)) for n, build in enumerate(builds)}
        for run in range(1, runs + 1):
            for build in builds:
                print(f"--- run {run} of {runs}, {build}", flush=True)
                output = subprocess.run(
                    [sys.executable, __file__, "--mb", str(mb), "--tree", str(trees[build])],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
                print(output, end="", flush=True)
                for line in output.splitlines():
                    if line.endswith("MB/s"):
                        label, _, rest = line.partition("  ")
                        key = f"{label.strip()}, {build}" if label.startswith("whole") else label
                        speeds.setdefault(key.strip(), []).append(float(rest.split()[-2]))
    print(f"--- {runs} runs per build: best and median")
    for label, values in speeds.items():
        print(
            f"{label:44} best {max(values):6.2f} MB/s  median {statistics.median(values):6.2f} MB/s"
        )


def measure(mb: float) -> None:
    articles, size = load_articles(mb)
    texts = [a.title + "\n" + a.body for a in articles]
    from analysis.language.analyze import Analyzer

    analyzer = Analyzer()  # the gazetteer, tokenizer and rules; no word learnt yet
    print(
        f"machine: {platform.machine()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} cores; {len(articles)} stories, {size / 1e6:.2f} MB; "
        f"analysis: {analyzer.build}"
    )
    analyze = analyzer.analyze
    timed("whole analysis (Analyzer.analyze)", size, lambda: [analyze(a) for a in articles])

    import jieba

    jieba.initialize()
    timed("jieba.lcut (plain, per story)", size, lambda: [jieba.lcut(t) for t in texts])

    import rjieba

    tokenizer = analyzer.tokenizer
    timed(
        f"bare tokenizer (t2s + {tokenizer.cutter.name} + counts)",
        size,
        lambda: [tokenizer.segment(t) for t in texts],
    )
    rjieba_cut = rjieba.Jieba().cut  # jieba's dictionary alone: no user words
    timed("rjieba cut alone (per story)", size, lambda: [rjieba_cut(t) for t in texts])


if __name__ == "__main__":
    main()
