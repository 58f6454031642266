"""Print stories of the blind set (tests/gold/blind/stories.jsonl) for labelling, sentence by
sentence, numbered as the labels refer to them.

    .venv/bin/python bench/blind_story.py b001 b002 ...
    .venv/bin/python bench/blind_story.py --shard 2/5       # every fifth story from the second

The text is the story as the project's readers give it: title, a blank line, then the body
(the same text the analysis reads).
"""

from __future__ import annotations

import argparse
import json
import sys
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.language.analyze import article_text  # noqa: E402
from analysis.language.sentences import split_sentences  # noqa: E402
from analysis.model import Article  # noqa: E402
from analysis.sources import read_bytes  # noqa: E402

STORIES = ROOT / "tests" / "gold" / "blind" / "stories.jsonl"
SHARED = ROOT.parent / "shared"


@cache
def articles_of(file: str) -> list[Article]:
    path = SHARED / file.removeprefix("shared:")
    return read_bytes(path.read_bytes(), name=path.name).articles


def find(ref: dict[str, str]) -> Article:
    for article in articles_of(ref["file"]):
        if article.title == ref["title"]:
            return article
    raise SystemExit(f"not found: {ref}")


def show(row: dict) -> None:
    article = find(row["ref"])
    text = article_text(article)
    print(f"=== {row['id']}  {row['outlet']}  {row['date']}  ({row['split']})")
    print(f"file: {row['ref']['file']}\ntitle: {row['ref']['title']}")
    for n, (start, end) in enumerate(split_sentences(text), 1):
        print(f"[{n}] {text[start:end]}")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ids", nargs="*")
    parser.add_argument("--shard", help="K/N: the K-th of N shards (1-based)")
    args = parser.parse_args()
    rows = [json.loads(line) for line in STORIES.read_text("utf-8").splitlines()]
    if args.shard:
        k, n = map(int, args.shard.split("/"))
        rows = rows[k - 1 :: n]
    elif args.ids:
        rows = [r for r in rows if r["id"] in set(args.ids)]
    for row in rows:
        show(row)


if __name__ == "__main__":
    main()
