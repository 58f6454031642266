"""Shared fixtures. Tests that need the real corpora find them beside the checkout and skip,
saying so, where they are absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = ROOT / "data" / "sample" / "ttnews-russia-dprk-2023-09-14.txt"


@pytest.fixture(scope="session")
def corpora() -> Path:
    """`../shared/corpora`, or a skip that says it is missing."""
    path = SHARED / "corpora"
    if not path.is_dir():
        pytest.skip(f"{path} is absent: the tests on the real corpora need ../shared/corpora")
    return path


@pytest.fixture(scope="session")
def seed_bytes() -> bytes:
    return SEED.read_bytes()


@pytest.fixture(scope="session")
def xwlb_store(corpora: Path, tmp_path_factory: pytest.TempPathFactory):
    """A store of the whole CCTV 新闻联播 corpus, ingested once per test session."""
    from analysis.ingest import ingest
    from analysis.store.batches import Store

    store = Store(tmp_path_factory.mktemp("xwlb-store"))
    ingest([corpora / "xwlb-cctv-zh-hans" / "news"], store=store, workers=2)
    return store
