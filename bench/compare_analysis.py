"""The analysis of this working tree against that of an earlier commit, in one process.

    .venv/bin/python bench/compare_analysis.py REV [--mb 6]

On a shared virtual machine the speed of one run drifts by ±10 % from minute to minute, more
than most changes are worth. This puts the commit's `analysis` package beside the working
tree's (as `analysis_at_rev`) and analyses every story with both, alternating which goes first,
so that both see the same machine; the ratio of their CPU times is what to read. The commit's
package always runs as plain Python; the working tree runs compiled when it is built
(`scripts/build_native.py`; `--clean` to compare plain with plain).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.analysis_speed import load_articles  # noqa: E402

OLD = "analysis_at_rev"


def import_old(rev: str, into: Path):
    """The `analysis` package of `rev`, importable as `analysis_at_rev`."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev, "analysis"], capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    package = into / OLD
    (into / "analysis").rename(package)
    for path in package.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"\banalysis\b(?=[. ])", OLD, source), encoding="utf-8")
    sys.path.insert(0, str(into))
    return __import__(f"{OLD}.language.analyze", fromlist=["Analyzer"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("rev", help="the commit to compare against (HEAD, a hash, a tag)")
    parser.add_argument("--mb", type=float, default=6.0, help="MB of xwlb text")
    args = parser.parse_args()
    from analysis.language import analyze as new

    with tempfile.TemporaryDirectory() as folder:
        old = import_old(args.rev, Path(folder))
        articles, size = load_articles(args.mb)
        old_analyze, new_analyze = old.Analyzer().analyze, new.Analyzer().analyze
        spent = {"old": 0.0, "new": 0.0}
        clock = time.process_time
        for n, article in enumerate(articles):
            pair = [("old", old_analyze), ("new", new_analyze)]
            for name, analyze in pair if n % 2 else reversed(pair):
                started = clock()
                analyze(article)
                spent[name] += clock() - started
    mb = size / 1e6
    print(f"{len(articles)} stories, {mb:.2f} MB, analysed by both, alternating")
    print(f"{args.rev:>12}: {spent['old']:6.2f} s CPU  {mb / spent['old']:5.2f} MB/s")
    print(f"{'working tree':>12}: {spent['new']:6.2f} s CPU  {mb / spent['new']:5.2f} MB/s")
    print(f"time ratio (working tree / {args.rev}): {spent['new'] / spent['old']:.3f}")


if __name__ == "__main__":
    main()
