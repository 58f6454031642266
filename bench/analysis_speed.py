"""Analysis speed on the xwlb corpus, measured side by side in one run, one process:
plain `jieba.lcut`, the bare project tokenizer, and the whole analysis (normalise, tokenise,
entities, events, topics, terms) per article.

    .venv/bin/python bench/analysis_speed.py [--mb 4]

The text is the stories' titles and bodies as the readers give them (HTML already removed).
"""

from __future__ import annotations

import argparse
import os
import platform
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
    print(f"{label:44} {seconds:7.2f} s  {size / 1e6 / seconds:6.2f} MB/s")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=4.0, help="MB of text to measure on")
    args = parser.parse_args()
    articles, size = load_articles(args.mb)
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
