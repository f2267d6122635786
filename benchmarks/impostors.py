"""Precision and recall of ``accounts impostor`` on corpora/accounts/impostors.jsonl.

Each record is a name or handle written for this project, labelled ``impostor`` (a look-alike of an
account in examples/accounts.toml), ``unrelated`` (shops, people, other towns, local groups) or
``official`` (the registry's own handles, which must come out as "official").  A record counts as
flagged from ``--min-risk`` up (default medium: low only says a name contains an official one).

    python benchmarks/impostors.py [--min-risk low|medium|high] [--errors]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nayoro_moderation.accounts import Registry, impostor_risk  # noqa: E402
from nayoro_moderation.accounts.impostor import RISKS  # noqa: E402

CORPUS = ROOT / "corpora" / "accounts" / "impostors.jsonl"
REGISTRY = ROOT / "examples" / "accounts.toml"


def score(min_risk: str = "medium") -> dict:
    registry = Registry.load(REGISTRY)
    floor = RISKS.index(min_risk)
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    tp = fp = fn = 0
    official_ok = official = 0
    misses, alarms, by_kind = [], [], Counter()
    for record in records:
        result = impostor_risk(registry, record["text"])
        if record["label"] == "official":
            official += 1
            official_ok += result.risk == "official"
            if result.risk != "official":
                alarms.append((record, result))
            continue
        flagged = result.risk != "official" and result.rank >= floor
        if record["label"] == "impostor":
            tp += flagged
            fn += not flagged
            by_kind[(record["kind"], flagged)] += 1
            if not flagged:
                misses.append((record, result))
        elif flagged:
            fp += 1
            alarms.append((record, result))
    return {
        "records": len(records), "tp": tp, "fp": fp, "fn": fn,
        "precision": tp / (tp + fp) if tp + fp else 1.0, "recall": tp / (tp + fn) if tp + fn else 1.0,
        "official": (official_ok, official), "by_kind": by_kind, "misses": misses, "alarms": alarms,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-risk", choices=("low", "medium", "high"), default="medium")
    parser.add_argument("--errors", action="store_true", help="list misses and false alarms")
    args = parser.parse_args()
    s = score(args.min_risk)
    print(f"{s['records']} names and handles, flagged from {args.min_risk} up")
    print(f"precision {s['precision']:.2f}  recall {s['recall']:.2f}  (tp {s['tp']}, fp {s['fp']}, fn {s['fn']})")
    print(f"official handles recognised: {s['official'][0]}/{s['official'][1]}")
    kinds = sorted({k for k, _ in s["by_kind"]})
    for kind in kinds:
        found, missed = s["by_kind"][(kind, True)], s["by_kind"][(kind, False)]
        print(f"  {kind:<20} {found}/{found + missed}")
    if args.errors:
        for title, items in (("misses", s["misses"]), ("false alarms", s["alarms"])):
            print(f"\n{title}:")
            for record, result in items:
                print(f"  [{record['kind']}] {result.line()}")


if __name__ == "__main__":
    main()
