"""Precision and recall per category on corpora/, and the share of negatives left clean.

    python benchmarks/quality.py [--corpus comments] [--errors CATEGORY] [--json]

A record counts as a true positive for a category when its labels hold the category and the report
has a finding of it; a finding of a category the record is not labelled with is a false positive.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nayoro_moderation import Moderator, Policy  # noqa: E402


@dataclass
class Scores:
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    negatives: Counter = field(default_factory=Counter)  # kind → count
    clean_negatives: Counter = field(default_factory=Counter)
    errors: dict = field(default_factory=lambda: defaultdict(list))  # category → [(kind, id, text, found)]

    def precision(self, category: str) -> float:
        found = self.tp[category] + self.fp[category]
        return self.tp[category] / found if found else 1.0

    def recall(self, category: str) -> float:
        labelled = self.tp[category] + self.fn[category]
        return self.tp[category] / labelled if labelled else 1.0

    def clean_share(self, kind: str) -> float:
        return self.clean_negatives[kind] / self.negatives[kind] if self.negatives[kind] else 1.0

    @property
    def categories(self) -> list[str]:
        return sorted(set(self.tp) | set(self.fp) | set(self.fn))


def records(corpus: str | None = None, folder: str = "corpora", exclude: tuple[str, ...] = ()):
    for path in sorted((ROOT / folder).glob("*.jsonl")):
        if (corpus and path.stem != corpus) or path.stem in exclude:
            continue
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    yield path.stem, json.loads(line)


# The corpora were written for the example account of examples/policy.toml unless a record names
# another policy.
DEFAULT_POLICY = "examples/policy.toml"
_moderators: dict[str, Moderator] = {}


def moderator_for(policy: str) -> Moderator:
    if policy not in _moderators:
        path = ROOT / policy
        _moderators[policy] = Moderator(policy=Policy.load(path) if path.exists() else None)
    return _moderators[policy]


def evaluate(corpus: str | None = None, folder: str = "corpora", exclude: tuple[str, ...] = ()) -> Scores:
    scores = Scores()
    for _, record in records(corpus, folder, exclude):
        options = record.get("options", {})
        posted_at = datetime.fromisoformat(options["posted_at"]) if options.get("posted_at") else None
        report = moderator_for(options.get("policy", DEFAULT_POLICY)).check(
            record["text"], record["mode"], context=record.get("context"), posted_at=posted_at,
            account=options.get("account", "official"),
        )
        found = {f.category.value for f in report.findings}
        labels = set(record["labels"])
        # A second category the labelling convention allows (DESIGN §1) is neither a hit nor an alarm.
        found -= set(record.get("also", ())) - labels
        for category in labels | found:
            if category in labels and category in found:
                scores.tp[category] += 1
            elif category in found:
                scores.fp[category] += 1
                scores.errors[category].append(("FP", record["id"], record["text"], sorted(found)))
            else:
                scores.fn[category] += 1
                scores.errors[category].append(("FN", record["id"], record["text"], sorted(found)))
        if not labels:
            scores.negatives[record["kind"]] += 1
            scores.clean_negatives[record["kind"]] += not found
    return scores


def main() -> int:
    parser = argparse.ArgumentParser(description="precision and recall per category on corpora/")
    parser.add_argument("--corpus", help="one corpus file by stem (comments, drafts, privacy, real_kinds…)")
    parser.add_argument("--errors", metavar="CATEGORY", help="list the false positives and misses of a category")
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--holdout", nargs="?", const="holdout", metavar="NAME",
        help="score corpora/NAME/ (default holdout) instead: texts written apart from the rules to estimate "
        "generalisation; holdout2 was kept unseen until the final measurement",
    )
    args = parser.parse_args()
    scores = evaluate(args.corpus, f"corpora/{args.holdout}" if args.holdout else "corpora")
    if args.errors:
        for kind, rid, text, found in scores.errors[args.errors]:
            print(f"{kind} {rid} {found} {text}")
        return 0
    if args.json:
        print(json.dumps({
            "categories": {c: {"precision": scores.precision(c), "recall": scores.recall(c), "tp": scores.tp[c],
                               "fp": scores.fp[c], "fn": scores.fn[c]} for c in scores.categories},
            "clean": {k: scores.clean_share(k) for k in scores.negatives},
        }, ensure_ascii=False, indent=2))
        return 0
    print(f"{'category':<22}{'precision':>10}{'recall':>8}{'tp':>6}{'fp':>5}{'fn':>5}")
    for c in scores.categories:
        print(f"{c:<22}{scores.precision(c):>10.3f}{scores.recall(c):>8.3f}{scores.tp[c]:>6}{scores.fp[c]:>5}{scores.fn[c]:>5}")
    for kind in sorted(scores.negatives):
        print(f"{kind} clean: {scores.clean_negatives[kind]}/{scores.negatives[kind]} = {scores.clean_share(kind):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
