"""Stores for the AppTest and browser tests, built from a corpus folder with the real ingest."""

from __future__ import annotations

from pathlib import Path

from analysis.ingest import ingest
from analysis.store.batches import Store

FIXTURE_CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus"
XSS_PAYLOADS = ("<script>alert(1)</script>", "<img src=x onerror=alert(2)>")


def build_fixture_store(root: Path, corpus: Path | None = None) -> Store:
    """A store at `root` holding the fixture corpus (or `corpus`), built with the real ingest."""
    store = Store(root)
    if store.exists():
        return store
    ingest([corpus or FIXTURE_CORPUS], store=store)
    return store


SAMPLE_CORPUS = Path(__file__).resolve().parent.parent / "data" / "sample"
PAGES = {  # url path -> page file: the navigation must list exactly these
    "overview": "pages/overview.py",
    "timeline": "pages/timeline.py",
    "entities": "pages/entities.py",
    "events": "pages/events.py",
    "wordcloud": "pages/wordcloud.py",
    "articles": "pages/articles.py",
    "corpus": "pages/corpus.py",
}
