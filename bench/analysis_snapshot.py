"""The analysis of every xwlb and tw-news story as JSON lines, to compare two versions.

    .venv/bin/python bench/analysis_snapshot.py OUT.jsonl
    cmp before.jsonl after.jsonl      # same entities, events, topics and terms, story by story

One line per story: its id and title, then its entities, events, topics and terms (sorted), with
sorted keys, so that two versions of the analysis give the same bytes exactly when they give the
same results. Run it once with the build compiled and once after `scripts/build_native.py
--clean` to compare the two builds.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.language.analyze import Analyzer  # noqa: E402
from analysis.sources import read_bytes  # noqa: E402

CORPORA = ROOT.parent / "shared" / "corpora"
FIELDS = ("id", "title", "entities", "events", "topics", "terms")


def story_files() -> list[Path]:
    xwlb = sorted((CORPORA / "xwlb-cctv-zh-hans" / "news").glob("*.md"))
    return xwlb + sorted((CORPORA / "tw-news-2025-11-zh-hant").rglob("*.jsonl"))


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    analyzer = Analyzer()
    print(f"analysis: {analyzer.build}")
    stories = 0
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        for path in story_files():
            for article in read_bytes(path.read_bytes(), name=path.name).articles:
                analyzed = analyzer.analyze(article).to_dict()
                row = {field: analyzed[field] for field in FIELDS}
                row["terms"] = sorted(row["terms"].items())
                out.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
                stories += 1
    print(f"{stories} stories written to {sys.argv[1]}")


if __name__ == "__main__":
    main()
