"""Quality floors on corpora/ (the development set), per category, as the issues set them.

benchmarks/quality.py measures; this test keeps every category at or above its floor so that no rule
change quietly costs recall or precision.  corpora/holdout*/ are not held to floors: they estimate
generalisation and are reported, not tuned on.  corpora/real_kinds.jsonl (issue 11) holds the kinds real
commenters write that the rules are being grown towards; it keeps floors of its own below until the
lexicons reach it, so that it can be read in full without pulling the other corpora's floors down.
"""

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

COMMENT_CATEGORIES = (
    "law_violation", "defamation", "political_religious", "ip_infringement", "commercial",
    "discrimination", "public_order", "false_info", "illegal_incitement",
)
VALIDATED = ("privacy", "confidential", "security")  # issue 4: recall ≥ 0.95
DRAFT_CATEGORIES = (
    "deliberation", "accuracy", "media_consent", "external_reference", "reply_tone",
    "working_hours", "operating_hours", "account_period",
)


def _quality_module():
    spec = importlib.util.spec_from_file_location("quality", ROOT / "benchmarks" / "quality.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def quality():
    return _quality_module()


GROWING = ("real_kinds", "real_kinds2")


@pytest.fixture(scope="module")
def scores(quality):
    return quality.evaluate(exclude=GROWING)


@pytest.mark.parametrize("category", COMMENT_CATEGORIES + DRAFT_CATEGORIES)
def test_precision_and_recall_floor(scores, category):
    assert scores.tp[category] >= 30, category
    assert scores.recall(category) >= 0.90, scores.errors[category]
    assert scores.precision(category) >= 0.90, scores.errors[category]


@pytest.mark.parametrize("category", VALIDATED)
def test_validated_detectors_recall_floor(scores, category):
    assert scores.tp[category] >= 36, category
    assert scores.recall(category) >= 0.95, scores.errors[category]
    assert scores.precision(category) >= 0.90, scores.errors[category]


def test_hard_negatives_and_benign_texts_stay_clean(scores):
    assert scores.negatives["hard_negative"] >= 400
    assert scores.clean_share("hard_negative") >= 0.97
    assert scores.clean_share("benign") >= 0.97


def test_at_most_one_percent_of_benign_privacy_texts_flagged(quality):
    privacy = quality.evaluate("privacy")
    negatives = privacy.negatives["benign"] + privacy.negatives["hard_negative"]
    clean = privacy.clean_negatives["benign"] + privacy.clean_negatives["hard_negative"]
    assert negatives >= 300
    assert (negatives - clean) / negatives <= 0.01


def test_real_kinds_keep_their_ground(quality):
    # Written before scoring (2026-12-06): recall was ⑵ 0.54, ⑹ 0.55, ⑺ 0.50, ⑴ 0.88; the lexicons then
    # grew on its misses by kind to ⑵ 0.91, ⑹ 0.90, ⑺ 0.90.  The floors hold that ground, a little below,
    # and the same surface in the hard negatives must stay clean.
    real = quality.evaluate("real_kinds")
    floors = {"defamation": 0.85, "discrimination": 0.85, "public_order": 0.85, "law_violation": 0.85}
    for category, floor in floors.items():
        assert real.recall(category) >= floor, (category, real.errors[category])
    assert real.negatives["hard_negative"] >= 100
    assert real.clean_share("hard_negative") >= 0.95
    assert real.clean_share("benign") == 1.0


def test_real_kinds2_keep_their_ground(quality):
    # Written before scoring (issue 11 item 5): recall was ⑵ 0.36, ⑹ 0.60, ⑺ 0.31; the lexicons grew on
    # its kinds (nominalised verdicts, vermin metaphors, fear of a group, sexual remarks on staff, self-harm
    # shows, net-slang labels, 国へ帰れ, parents and existence insults) to ⑵ 0.88, ⑹ 0.98, ⑺ 1.00.
    real = quality.evaluate("real_kinds2")
    floors = {"defamation": 0.85, "discrimination": 0.90, "public_order": 0.90}
    for category, floor in floors.items():
        assert real.recall(category) >= floor, (category, real.errors[category])
    assert real.negatives["hard_negative"] >= 100
    assert real.clean_share("hard_negative") >= 0.94
    assert real.clean_share("benign") == 1.0
