"""Fresh start: seconds from `streamlit run app.py` to the overview page drawn in Chromium,
with an existing store (a measurement, not a test).

    .venv/bin/python bench/first_page.py [--store DIR]   (default: data/store, built if absent)

Needs Debian's Chromium (/usr/bin/chromium). Measures wall time until the page's metrics
(the article count) are on screen.
"""

from __future__ import annotations

import argparse
import os
import platform
import socket
import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", default=None)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    env = dict(os.environ)
    if args.store:
        env["NEWSLENS_STORE"] = args.store
    subprocess.run(
        [sys.executable, "-m", "analysis", "stats"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )  # builds the default store first, so that only the start is timed
    times = []
    for _ in range(args.runs):
        port = free_port()
        started = time.perf_counter()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "app.py",
                "--server.headless",
                "true",
                "--server.port",
                str(port),
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(
                    executable_path="/usr/bin/chromium",
                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
                )
                page = browser.new_page()
                while True:
                    try:
                        page.goto(f"http://127.0.0.1:{port}/", timeout=2000)
                        break
                    except Exception:
                        time.sleep(0.1)
                page.wait_for_selector("[data-testid=stMetricValue]", timeout=60000)
                times.append(time.perf_counter() - started)
                browser.close()
        finally:
            server.terminate()
            server.wait()
    print(
        f"machine: {platform.machine()}, Python {platform.python_version()}, {os.cpu_count()} cores"
    )
    print("first page drawn after start (s): " + ", ".join(f"{t:.2f}" for t in times))


if __name__ == "__main__":
    main()
