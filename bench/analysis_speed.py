"""Analysis speed on the xwlb corpus, measured side by side in one run, one process:
plain `jieba.lcut`, the bare project tokenizer, and the whole analysis (normalise, tokenise,
entities, events, topics, terms) per article.

    .venv/bin/python bench/analysis_speed.py [--mb 4] [--runs 3]

The text is the stories' titles and bodies as the readers give them (HTML already removed).
Each run is a fresh process (nothing learnt or cached from the one before), measuring the three
side by side; with --runs N > 1 the runs' lines are printed and then the best and the median of
each measurement. On a shared virtual machine the same run varies by ±10 % from minute to
minute, which is why one run is not enough to read a figure from.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.sources import read_bytes

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared/corpora/xwlb-cctv-zh-hans/news"


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
    args = parser.parse_args()
    if args.runs > 1:
        summarize_runs(args.mb, args.runs)
    else:
        measure(args.mb)


def summarize_runs(mb: float, runs: int) -> None:
    """Run `measure` in `runs` fresh processes; print each, then best and median per line."""
    speeds: dict[str, list[float]] = {}
    for run in range(1, runs + 1):
        print(f"--- run {run} of {runs}", flush=True)
        output = subprocess.run(
            [sys.executable, __file__, "--mb", str(mb)], capture_output=True, text=True, check=True
        ).stdout
        print(output, end="", flush=True)
        for line in output.splitlines():
            if line.endswith("MB/s"):
                label, _, rest = line.partition("  ")
                speeds.setdefault(label.strip(), []).append(float(rest.split()[-2]))
    print(f"--- {runs} runs: best and median")
    for label, values in speeds.items():
        print(
            f"{label:44} best {max(values):6.2f} MB/s  median {statistics.median(values):6.2f} MB/s"
        )


def measure(mb: float) -> None:
    articles, size = load_articles(mb)
    texts = [a.title + "\n" + a.body for a in articles]
    print(
        f"machine: {platform.machine()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} cores; {len(articles)} stories, {size / 1e6:.2f} MB"
    )

    import jieba

    jieba.initialize()
    timed("jieba.lcut (plain, per story)", size, lambda: [jieba.lcut(t) for t in texts])

    from analysis.tokenize import get_tokenizer

    tokenizer = get_tokenizer()
    tokenizer.segment("预热")
    timed(
        "bare tokenizer (t2s + rjieba cut + offsets)",
        size,
        lambda: [tokenizer.segment(t) for t in texts],
    )

    from analysis.analyze import analyze_article

    analyze_article(articles[0])
    timed("whole analysis (analyze_article)", size, lambda: [analyze_article(a) for a in articles])


if __name__ == "__main__":
    main()
