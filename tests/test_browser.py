"""The real path a user clicks: Streamlit serving app.py, driven in Debian's Chromium.

Visits every page of a store built from the fixture corpus (whose titles, sources and bodies
carry script payloads), changes the filter, downloads a CSV, sees the word cloud, and checks
that no exception box shows and no JavaScript dialog fires. Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from app_support import PAGES, build_fixture_store

from analysis.render import fonts
from analysis.settings import Settings

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CACHE = Settings.from_env().cache_dir
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not CHROMIUM.is_file():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium to run the browser tests")
    store = tmp_path_factory.mktemp("browser-store")
    build_fixture_store(store)
    port = free_port()
    env = {**os.environ, "NEWSLENS_STORE": str(store),
           "FONTCONFIG_FILE": str(fonts.fontconfig_file(CACHE))}  # fmt: skip
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
               "--server.port", str(port), "--browser.gatherUsageStats", "false"]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.25)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    os.environ["FONTCONFIG_FILE"] = str(fonts.fontconfig_file(CACHE))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        context = browser.new_context(viewport={"width": 1400, "height": 2200},
                                      accept_downloads=True)  # fmt: skip
        tab = context.new_page()
        tab.dialogs = []  # type: ignore[attr-defined]
        tab.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
        yield tab
        browser.close()


IDLE = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.dataset.testScriptState !== 'notRunning') return false;
    if (app.dataset.testConnectionState !== 'CONNECTED') return false;
    if (document.querySelector('[data-testid="stSkeleton"]')) return false;
    if (document.querySelector('[data-stale="true"]')) return false;
    const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
    if (!charts.every(c => c.querySelector('.main-svg'))) return false;
    const tables = [...document.querySelectorAll('[data-testid="stDataFrame"]')];
    return tables.every(t => t.querySelector('canvas'));
}"""


def settle(tab: object, *, after_input: bool = False) -> None:
    """Wait until Streamlit is idle: the script has finished its run (the app's
    `data-test-script-state` is notRunning), nothing is stale or a skeleton, and every chart and
    table has drawn. After typing, first wait for the run the input started."""
    tab.wait_for_selector('[data-testid="stApp"]', timeout=30_000)  # type: ignore[attr-defined]
    if after_input:
        # The run may be over before we look: IDLE below still holds then.
        with contextlib.suppress(Exception):
            tab.wait_for_function(  # type: ignore[attr-defined]
                "() => document.querySelector('[data-testid=\"stApp\"]')"
                ".dataset.testScriptState === 'running'",
                timeout=5_000,
            )
    tab.wait_for_function(IDLE, timeout=90_000, polling=200)  # type: ignore[attr-defined]
    # Idle must hold for a moment: a fragment or a rerun may start right after a run ends.
    tab.wait_for_timeout(500)  # type: ignore[attr-defined]
    tab.wait_for_function(IDLE, timeout=90_000, polling=200)  # type: ignore[attr-defined]


def assert_clean(tab: object, name: str) -> None:
    tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]
    assert tab.locator('[data-testid="stException"]').count() == 0, name  # type: ignore[attr-defined]
    assert tab.dialogs == [], tab.dialogs  # type: ignore[attr-defined]


def test_a_copied_link_as_the_first_request_after_a_start_opens_through_the_app(
    page: object, server: str
) -> None:
    # Must run first against the module's fresh server: Streamlit runs pages/*.py on their own
    # until a run has called st.navigation (ui.ensure_navigation handles it).
    page.goto(f"{server}/timeline?topic=ukraine-war")  # type: ignore[attr-defined]
    settle(page)
    assert_clean(page, "first-request-deep-link")
    sidebar = page.locator('[data-testid="stSidebar"]').inner_text()  # type: ignore[attr-defined]
    assert "篩選" in sidebar and "主題" in sidebar, sidebar
    caption = page.locator('[data-testid="stCaptionContainer"]').first.inner_text()  # type: ignore[attr-defined]
    assert "俄烏戰爭" in caption, caption
    assert "/timeline" in page.url  # type: ignore[attr-defined]


@pytest.mark.parametrize("url_path", list(PAGES))
def test_every_page_opens_without_an_error_or_a_dialog(page: object, server: str,
                                                       url_path: str) -> None:  # fmt: skip
    path = "" if url_path == "overview" else url_path
    page.goto(f"{server}/{path}")  # type: ignore[attr-defined]
    settle(page)
    assert_clean(page, f"page-{url_path}")


def test_a_filter_in_the_url_narrows_the_view(page: object, server: str) -> None:
    page.goto(f"{server}/articles?topic=ukraine-war&from=2023-09-01&to=2023-09-30")  # type: ignore[attr-defined]
    settle(page)
    assert_clean(page, "filtered-articles")
    caption = page.locator('[data-testid="stCaptionContainer"]').first.inner_text()  # type: ignore[attr-defined]
    assert "2023-09-01" in caption and "2023-09-30" in caption


def test_typing_a_keyword_changes_the_filter_and_the_url(page: object, server: str) -> None:
    page.goto(f"{server}/articles")  # type: ignore[attr-defined]
    settle(page)
    box = page.get_by_label("關鍵詞")  # type: ignore[attr-defined]
    box.fill("無人機")
    box.press("Enter")
    settle(page, after_input=True)
    assert_clean(page, "keyword-articles")
    assert "q=" in page.url  # type: ignore[attr-defined]


def test_a_csv_download_is_safe_for_spreadsheets(page: object, server: str) -> None:
    page.goto(f"{server}/articles")  # type: ignore[attr-defined]
    settle(page)
    with page.expect_download() as info:  # type: ignore[attr-defined]
        page.get_by_role("button", name="下載 CSV").first.click()  # type: ignore[attr-defined]
    download = info.value
    assert download.suggested_filename.startswith("articles-page1_start_end")
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data[3:].decode("utf-8").split("\r\n")
    assert lines[0].startswith("published_at,title,source")
    import csv
    import io

    for row in csv.reader(io.StringIO(data[3:].decode("utf-8"))):
        for cell in row:
            assert not cell.startswith(TRIGGERS), cell


def test_the_word_cloud_image_is_shown(page: object, server: str) -> None:
    page.goto(f"{server}/wordcloud")  # type: ignore[attr-defined]
    settle(page)
    image = page.locator('[data-testid="stImage"] img').first  # type: ignore[attr-defined]
    image.wait_for(timeout=30_000)
    assert image.evaluate("img => img.naturalWidth") > 100
    assert_clean(page, "wordcloud-image")


def test_uploading_a_zip_ingests_its_articles_and_names_the_rejected_file(
    page: object, server: str, tmp_path: Path
) -> None:
    import zipfile

    upload = tmp_path / "upload.zip"
    with zipfile.ZipFile(upload, "w") as archive:
        archive.writestr(
            "新聞/北韓試射.txt",
            "北韓再度試射彈道飛彈\n\n2023-12-18 09:00\n\n來源：上傳測試社\n\n"
            "韓國聯合參謀本部表示，北韓今晨向東部海域發射1枚彈道飛彈，飛行約1000公里。\n",
        )
        archive.writestr("新聞/報告.pdf", b"%PDF-1.7\n")
    page.goto(f"{server}/corpus")  # type: ignore[attr-defined]
    settle(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))  # type: ignore[attr-defined]
    page.get_by_role("button", name="匯入").click()  # type: ignore[attr-defined]
    settle(page, after_input=True)
    message = page.locator('[data-testid="stAlertContentSuccess"]').inner_text()  # type: ignore[attr-defined]
    assert "已加入 1 篇文章" in message and "1 個檔案被拒" in message
    assert_clean(page, "corpus-upload")
    page.goto(f"{server}/articles?q=北韓再度試射")  # type: ignore[attr-defined]
    settle(page)
    assert_clean(page, "corpus-upload-found")
    caption = page.locator('[data-testid="stCaptionContainer"]').first.inner_text()  # type: ignore[attr-defined]
    assert "→ 1 " in caption, caption


def click_first_mark(
    tab: object, url: str, selector: str, *, shot: str, within: str = "body"
) -> None:
    """Open `url` and click the first mark (bar, point) of its first chart (`within` a part of
    the page: `.st-key-<key>` is the element with that widget key)."""
    tab.goto(url)  # type: ignore[attr-defined]
    settle(tab)
    chart = tab.locator(f'{within} [data-testid="stPlotlyChart"]').first  # type: ignore[attr-defined]
    chart.locator(selector).first.click(force=True)
    settle(tab, after_input=True)
    assert_clean(tab, shot)


def test_clicking_an_event_bar_filters_the_evidence(page: object, server: str) -> None:
    click_first_mark(
        page, f"{server}/events", ".bars .point path", shot="events-bar-clicked",
        within=".st-key-events-tally",
    )  # fmt: skip
    captions = page.locator('[data-testid="stCaptionContainer"]').all_inner_texts()  # type: ignore[attr-defined]
    assert any(text.startswith("只顯示：") for text in captions), captions


def test_clicking_a_timeline_point_lists_the_articles_of_its_period(
    page: object, server: str
) -> None:
    click_first_mark(page, f"{server}/timeline", ".scatterlayer .point", shot="timeline-point")
    headings = page.locator("h3").all_inner_texts()  # type: ignore[attr-defined]
    assert any("所選時期的文章" in h for h in headings), headings


def test_an_evidence_link_opens_its_article_with_the_sentence_highlighted(
    page: object, server: str
) -> None:
    page.goto(f"{server}/events?topic=ukraine-war")  # type: ignore[attr-defined]
    settle(page)
    # The evidence is the page's last table (after the tolls to date; the map is a chart).
    evidence = page.locator('[data-testid="stDataFrame"]').last  # type: ignore[attr-defined]
    link = {"x": 25, "y": 52}  # the link of the first row
    evidence.click(position=link)  # the first click selects the cell, the second follows it
    page.wait_for_timeout(500)  # type: ignore[attr-defined]
    with page.context.expect_page(timeout=30_000) as opened:  # type: ignore[attr-defined]
        evidence.click(position=link)
    article = opened.value
    article.dialogs = []
    settle(article)
    assert_clean(article, "events-evidence-link")
    assert "/articles?" in article.url and "article=" in article.url and "hl=" in article.url
    assert "topic=ukraine-war" in article.url
    marked = article.locator('[data-testid="stMarkdownContainer"] strong')
    assert marked.count() >= 1
    assert (
        "已標示證據句。" in article.locator('[data-testid="stCaptionContainer"]').all_inner_texts()
    )
    article.close()
