"""The server settings that keep the dashboard safe must not drift."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text("utf-8"))


def test_usage_statistics_are_off() -> None:
    assert CONFIG["browser"]["gatherUsageStats"] is False


def test_xsrf_and_cors_protection_stay_on() -> None:
    assert CONFIG["server"]["enableXsrfProtection"] is True
    assert CONFIG["server"]["enableCORS"] is True


def test_dataframe_export_is_off_so_every_csv_goes_through_our_neutraliser() -> None:
    assert CONFIG["client"]["disableDataExport"] is True


def test_the_upload_limit_is_set_and_the_corpus_page_states_it() -> None:
    assert CONFIG["server"]["maxUploadSize"] == 50
    page = (ROOT / "pages" / "corpus.py").read_text("utf-8")
    assert 'get_option("server.maxUploadSize")' in page


def test_no_code_renders_html() -> None:
    sources = [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").glob("*.py")]
    for path in sources:
        text = path.read_text("utf-8")
        assert "unsafe_allow_html" not in text, path
        assert not re.search(r"\bst\.html\(", text), path
        assert "components.html" not in text, path


def test_the_library_never_imports_streamlit() -> None:
    for path in (ROOT / "analysis").rglob("*.py"):
        assert not re.search(r"^\s*(import|from)\s+streamlit", path.read_text("utf-8"), re.M), path
