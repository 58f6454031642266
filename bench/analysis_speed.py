"""Analysis speed on the xwlb corpus, measured side by side in one run, one process:
the whole analysis (normalise, tokenise, entities, events, topics, terms) per article, plain
`jieba.lcut`, and the bare project tokenizer.

    .venv/bin/python bench/analysis_speed.py [--mb 4] [--runs 3] [--pure]

The text is the stories' titles and bodies as the readers give them (HTML already removed).
Each run is a fresh process, and the whole analysis is measured first, so it learns every word
of the corpus as an ingest does (nothing learnt or cached before it). The analysis runs compiled
(analysis/native.py, `scripts/build_native.py`) when the build matches the sources; each run
prints which. With --runs N > 1, N runs of the compiled build and N of plain Python alternate
(--pure: plain Python only), their lines are printed, then the best and the median of each
measurement. On a shared virtual machine the same run varies by ±10 % from minute to minute,
which is why one run is not enough to read a figure from.
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
    parser.add_argument("--pure", action="store_true", help="plain Python only, not compiled")
    args = parser.parse_args()
    if args.runs > 1:
        from analysis.accel import native

        builds = BUILDS
        if args.pure or not native.status().startswith("compiled"):
            print(f"analysis: {native.status()}; measuring plain Python only", flush=True)
            builds = ("plain",)
        summarize_runs(args.mb, args.runs, builds=builds)
    else:
        if args.pure:
            os.environ[PURE_PYTHON_ENV] = "1"
        measure(args.mb)


BUILDS = ("compiled", "plain")
PURE_PYTHON_ENV = "NEWSLENS_PURE_PYTHON"


def summarize_runs(mb: float, runs: int, builds: tuple[str, ...]) -> None:
    """Run `measure` in `runs` fresh processes per build, alternating builds; print each run,
    then best and median per build and line."""
    speeds: dict[str, list[float]] = {}
    for run in range(1, runs + 1):
        for build in builds:
            print(f"--- run {run} of {runs}, {build}", flush=True)
            env = {**os.environ, PURE_PYTHON_ENV: "1" if build == "plain" else ""}
            output = subprocess.run(
                [sys.executable, __file__, "--mb", str(mb)],
                capture_output=True,
                text=True,
                check=True,
                env=env,
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
    from analysis.accel import native
    from analysis.language.analyze import analyze_article, warm_up

    warm_up()  # loads the gazetteer, tokenizer and rules; learns only the words of one sentence
    print(
        f"machine: {platform.machine()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} cores; {len(articles)} stories, {size / 1e6:.2f} MB; "
        f"analysis: {native.status()}"
    )
    if native.status().startswith("compiled") and not native.compiled_in_use():
        raise SystemExit("the compiled build was found but not imported")
    timed("whole analysis (analyze_article)", size, lambda: [analyze_article(a) for a in articles])

    import jieba

    jieba.initialize()
    timed("jieba.lcut (plain, per story)", size, lambda: [jieba.lcut(t) for t in texts])

    import rjieba

    from analysis.language.tokenize import get_tokenizer

    tokenizer = get_tokenizer()
    timed(
        f"bare tokenizer (t2s + {tokenizer.cuts_with} + counts)",
        size,
        lambda: [tokenizer.segment(t) for t in texts],
    )
    rjieba_cut = rjieba.Jieba().cut  # jieba's dictionary alone: no user words
    timed("rjieba cut alone (per story)", size, lambda: [rjieba_cut(t) for t in texts])


if __name__ == "__main__":
    main()
