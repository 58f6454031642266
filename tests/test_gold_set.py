"""The hand-labelled gold set (tests/gold/labels.jsonl) is well formed; its references resolve."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from analysis.model import EVENT_TYPES

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "tests" / "gold" / "labels.jsonl"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _labels() -> list[dict]:
    return [
        json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def test_at_least_40_labels() -> None:
    assert len(_labels()) >= 40


def test_label_shape() -> None:
    for lab in _labels():
        assert set(lab) >= {"ref", "script", "entities", "events"}, lab
        assert lab["ref"]["file"] and lab["ref"]["title"].strip()
        assert lab["script"] in {"zh-Hant", "zh-Hans", "ja", "en"}
        assert len(set(lab["entities"])) == len(lab["entities"])
        for eid in lab["entities"]:
            assert SLUG.match(eid), eid
        for ev in lab["events"]:
            assert ev["type"] in EVENT_TYPES, ev
            q = ev.get("quantity")
            assert q is None or (isinstance(q, int) and q > 0), ev


def test_refs_unique() -> None:
    refs = [(lab["ref"]["file"], lab["ref"]["title"]) for lab in _labels()]
    assert len(refs) == len(set(refs))


def test_own_articles_and_scripts() -> None:
    labels = _labels()
    own = {
        lab["ref"]["file"]
        for lab in labels
        if lab["ref"]["file"].startswith("data/sample/written/")
    }
    assert len(own) >= 12
    for f in own:
        assert (ROOT / f).is_file(), f
    assert any(f.endswith(".csv") for f in own)
    assert any(f.endswith(".html") for f in own)
    assert any(f.endswith(".txt") for f in own)
    scripts = {lab["script"] for lab in labels}
    assert {"zh-Hant", "zh-Hans"} <= scripts
    corpus = [lab for lab in labels if lab["ref"]["file"].startswith("shared:")]
    assert any("xwlb" in lab["ref"]["file"] for lab in corpus)
    assert any("tw-news" in lab["ref"]["file"] for lab in corpus)


def test_own_titles_present_in_files() -> None:
    for lab in _labels():
        f = lab["ref"]["file"]
        if not f.startswith("shared:"):
            assert lab["ref"]["title"] in (ROOT / f).read_text(encoding="utf-8"), lab["ref"]


def test_no_corpus_copied_into_tests() -> None:
    # The corpora must be referenced, never copied: our article files hold only our own texts.
    names = {p.name for p in (ROOT / "data" / "sample" / "written").iterdir()}
    assert not any(n.endswith((".md", ".jsonl")) for n in names)


def _count_in_corpus(path: Path, title: str) -> int:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".jsonl":
        n = 0
        for line in text.splitlines():
            if line.strip():
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError:
                    continue
                n += (rec.get("title") or "").strip() == title.strip()
        return n
    heading = len(re.findall(r"^### " + re.escape(title) + r"\s*$", text, flags=re.M))
    sub = text.count(f"<strong>{title}</strong>")
    return heading + sub


def test_corpus_refs_resolve_to_one_story(corpora: Path) -> None:
    shared = corpora.parent
    for lab in _labels():
        f = lab["ref"]["file"]
        if not f.startswith("shared:"):
            continue
        path = shared / f[len("shared:") :]
        assert path.is_file(), f
        assert _count_in_corpus(path, lab["ref"]["title"]) == 1, lab["ref"]


def test_corpus_refs_resolve_through_readers(corpora: Path) -> None:
    """Every ref (ours and the corpus ones) is found by title among what the readers return."""
    pytest.importorskip("analysis.sources")
    import sys

    sys.path.insert(0, str(ROOT))
    from bench.quality import _read_files, find_article, resolve_file

    labels = _labels()
    paths = sorted({resolve_file(lab["ref"]["file"]) for lab in labels})
    by_file = _read_files(paths)
    missing = []
    for lab in labels:
        arts = by_file.get(resolve_file(lab["ref"]["file"]).resolve(), [])
        art, problem = find_article(arts, lab["ref"]["title"])
        if art is None or problem:
            missing.append((lab["ref"]["file"], lab["ref"]["title"], problem))
    if missing and all(
        not by_file.get(p.resolve()) for p in paths if p.suffix in (".txt", ".html")
    ):
        pytest.skip("the .txt/.html readers return no articles yet")
    assert not missing, missing
