"""The gold-set figures (bench/quality.py) stay at the issue's targets, and the blind set's
test split (docs/QUALITY.md) holds its floors and shows the targets it still misses.

Targets: entities precision >= 0.90 and recall >= 0.90; events (type and quantity) precision
>= 0.90 and recall >= 0.85. All four are met (docs/QUALITY.md, "Figures"), so the test asserts
the targets themselves: a change that drops any of them below its target fails here.

The xwlb and tw-news gold stories live in ../shared/corpora (or $NEWSLENS_SHARED); without them
the figures would not be the ones the targets are about, so the test is skipped.
"""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {
    "entities": {"precision": 0.90, "recall": 0.90},
    "events": {"precision": 0.90, "recall": 0.85},
}


@cache
def quality() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_quality", ROOT / "bench" / "quality.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def corpora_present() -> bool:
    return (quality().shared_root() / "corpora").is_dir()


@cache
def scores() -> tuple[Any, ...]:
    q = quality()
    return tuple(q.evaluate(q.load_labels()))


@cache
def summary() -> dict[str, Any]:
    return quality().summarize(list(scores()))


pytestmark = pytest.mark.skipif(
    not corpora_present(), reason="../shared/corpora is absent: the gold set cannot be read"
)


def test_every_gold_article_is_found() -> None:
    s = summary()
    assert s["found"] == s["articles"], s["missing"]


@pytest.mark.parametrize("part", ["entities", "events"])
@pytest.mark.parametrize("measure", ["precision", "recall"])
def test_gold_set_figures_meet_the_targets(part: str, measure: str) -> None:
    assert summary()[part][measure] >= TARGETS[part][measure], summary()[part]


def test_the_seed_gives_exactly_its_labelled_events() -> None:
    seed = next(s for s in scores() if s.label["ref"]["file"].startswith("data/sample/"))
    assert seed.found
    assert [e for e in seed.errors if e["kind"] == "event"] == []
    labelled = Counter((e["type"], e["quantity"]) for e in seed.label["events"])
    assert labelled == Counter(
        {
            ("summit", None): 1,
            ("missile_launch", None): 1,
            ("airstrike", None): 1,
            ("injured", 24): 1,
            ("missile_launch", 10): 1,
            ("interception", 7): 1,
            ("damage", 2): 1,
            ("drone_attack", None): 1,
            ("interception", 32): 1,
        }
    )


# ---------------------------------------------------------------- the blind set's test split
# The issue's targets on the blind test split (bench/quality.py BLIND_TARGETS), and the figures
# measured there at the last change of the rules, rounded down: the floors. The test split is
# scored to report, never read to write rules (docs/QUALITY.md). A figure below its floor fails
# (a change made the analysis worse on unseen text); a target still missed is a strict xfail
# with the gap in its reason, which fails as soon as the target is met, so that the floor and
# this list are raised with it.
BLIND_FLOORS = {
    ("entities", "precision"): 0.89,  # 0.892 (docs/QUALITY.md, "Blind test split")
    ("entities", "recall"): 0.95,  # 0.956
    ("events", "precision"): 0.75,  # 0.750
    ("events", "recall"): 0.62,  # 0.623
    ("roles", "share"): 0.16,  # 0.167: 8 of 48
    # per topic, for the topics the test split labels or assigns
    ("topic:middle-east", "precision"): 0.90,  # 0.909
    ("topic:middle-east", "recall"): 1.0,
    ("topic:nuclear-missile", "precision"): 1.0,
    ("topic:nuclear-missile", "recall"): 0.5,
    ("topic:taiwan-strait", "precision"): 0.4,  # 0.5 before topics16b: see QUALITY.md
    ("topic:taiwan-strait", "recall"): 0.4,  # 0.6 before topics16b
    ("topic:ukraine-war", "precision"): 1.0,
    ("topic:ukraine-war", "recall"): 0.83,  # 0.833
    ("topic:us-china", "precision"): 1.0,
    ("topic:us-china", "recall"): 1.0,
    ("topic:us-trade", "precision"): 0.5,
    ("topic:us-trade", "recall"): 1.0,
}


@cache
def blind_test() -> dict[str, Any]:
    q = quality()
    labels = q.load_blind_labels("test")
    analyzed: list[Any] = []
    figures = q.summarize(q.evaluate(labels, analyzed))
    figures.update(q.score_roles_and_topics(labels, analyzed))
    return figures


def blind_figure(part: str, measure: str) -> float:
    figures = blind_test()
    if part.startswith("topic:"):
        tally = figures["topics"].get(part.removeprefix("topic:"))
        value = None if tally is None else tally[measure]
    else:
        value = figures[part][measure]
    return 0.0 if value is None else float(value)


def blind_target(part: str, measure: str) -> float:
    targets = quality().BLIND_TARGETS
    if part == "roles":
        return float(targets["roles"])
    return float(targets["topics" if part.startswith("topic:") else part][measure])


def _missed(part: str, measure: str) -> bool:
    return BLIND_FLOORS[part, measure] < blind_target(part, measure)


@pytest.mark.parametrize(("part", "measure"), list(BLIND_FLOORS))
def test_blind_test_split_figures_hold_their_floors(part: str, measure: str) -> None:
    assert blind_figure(part, measure) >= BLIND_FLOORS[part, measure]


@pytest.mark.parametrize(
    ("part", "measure"),
    [
        pytest.param(
            part,
            measure,
            marks=pytest.mark.xfail(
                _missed(part, measure),
                strict=True,
                reason=f"target missed: {BLIND_FLOORS[part, measure]:.2f} of "
                f"{blind_target(part, measure):.2f} (docs/QUALITY.md)",
            ),
        )
        for part, measure in BLIND_FLOORS
    ],
)
def test_blind_test_split_meets_the_issue_target(part: str, measure: str) -> None:
    assert blind_figure(part, measure) >= blind_target(part, measure)
