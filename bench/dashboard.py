"""Page redraw times of the dashboard, server side, with AppTest (a measurement, not a test).

    .venv/bin/python bench/dashboard.py [CORPUS_DIR]   (default: the xwlb corpus in ../shared)

Builds (once) a store of the corpus under bench/out/, opens every page, then changes the date
range five times and reports the median and worst redraw per page. Each redraw is a new filter,
so the query cache misses: this is the time a user waits after touching the filter.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from app_support import PAGES, build_fixture_store  # noqa: E402
from streamlit.runtime.pages_manager import PagesManager  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402
from streamlit.testing.v1 import app_test as app_test_module  # noqa: E402

from analysis.queries import core as queries  # noqa: E402


class _NavigationPagesManager(PagesManager):  # see tests/test_app_pages.py
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        PagesManager.uses_pages_directory = False


def main() -> None:
    corpus = (
        Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared/corpora/xwlb-cctv-zh-hans"
    )
    if not corpus.exists():
        print(f"{corpus} is absent: nothing to measure")
        return
    store_dir = ROOT / "bench" / "out" / f"store-{corpus.name}"
    started = time.perf_counter()
    store = build_fixture_store(store_dir, corpus)
    print(f"store {store_dir}: {queries.stats(store)['articles']} articles "
          f"(built or opened in {time.perf_counter() - started:.1f} s)")  # fmt: skip
    first, last = queries.date_span(store)
    assert first and last
    os.environ["NEWSLENS_STORE"] = str(store_dir)
    app_test_module.PagesManager = _NavigationPagesManager  # type: ignore[misc]
    span = (last - first).days
    ranges = [(first + dt.timedelta(days=span * k // 10), last - dt.timedelta(days=span * k // 20))
              for k in range(1, 6)]  # fmt: skip
    print(f"{'page':<10} {'first (s)':>10} {'median (s)':>11} {'worst (s)':>10}")
    for name, path in PAGES.items():
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.query_params["lang"] = "zh-Hant"  # AppTest formats radio labels outside the session
        t0 = time.perf_counter()
        at.run()
        if name != "overview":
            at.switch_page(path).run()
        first_draw = time.perf_counter() - t0
        times = []
        for lo, hi in ranges:
            at.session_state["nl_dates"] = (lo, hi)
            t0 = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - t0)
            assert not at.exception, [e.value for e in at.exception]
        print(f"{name:<10} {first_draw:>10.2f} {statistics.median(times):>11.2f} "
              f"{max(times):>10.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
