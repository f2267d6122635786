"""Every finding on every corpus, to show that a change meant to be only faster changes no finding.

    python benchmarks/findings.py benchmarks/out/findings-before.jsonl      # on the code as it was
    python benchmarks/findings.py benchmarks/out/findings-after.jsonl       # on the changed code
    python benchmarks/findings.py --compare benchmarks/out/findings-before.jsonl benchmarks/out/findings-after.jsonl

Writes one line per text — its set, id and every finding with all its fields — for corpora/ and every
corpora/holdout*/ (with the policy and options quality.py gives each record) and, where
../shared/realdata/ exists, its four development sets (comment mode; the bulletin in draft mode at
its publication time; chat in full).  The output holds real text: it goes to benchmarks/out/, which
is not committed.  ``--compare`` prints the texts whose findings differ and exits 1 if any do.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _sibling(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def reviews(data: Path | None = None):
    """(set, id, review) for every text of every corpus."""
    quality = _sibling("quality")
    folders = ["corpora", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "corpora").glob("holdout*") if p.is_dir())]
    for folder in folders:
        for stem, record in quality.records(None, folder):
            options = record.get("options", {})
            posted_at = datetime.fromisoformat(options["posted_at"]) if options.get("posted_at") else None
            review = quality.moderator_for(options.get("policy", quality.DEFAULT_POLICY)).review(
                record["text"], record["mode"], context=record.get("context"), posted_at=posted_at,
                account=options.get("account", "official"),
            )
            yield f"{folder}/{stem}", record["id"], review
    real = _sibling("realdata")
    data = data or real.DEFAULT_DATA
    if not data.exists():
        return
    mod = quality.moderator_for("default")  # no such file: the default policy, as realdata.py uses
    for name, mode in (("court_dev", "comment"), ("rtplx_ja_dev", "comment"), ("persona_chat_dev", "comment"),
                       ("bulletin_atsugi", "draft")):
        for i, row in enumerate(real.read(data / f"{name}.jsonl")):
            if not row.get("text"):
                continue
            posted_at = datetime.fromisoformat(row["published"]) if "published" in row else None
            text = real.unmask(row["text"]) if name == "court_dev" else row["text"]
            yield name, row.get("id", i), mod.review(text, mode, posted_at=posted_at)


def write(path: Path, data: Path | None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    count = findings = 0
    with path.open("w", encoding="utf-8") as out:
        for name, rid, review in reviews(data):
            out.write(json.dumps({"set": name, "id": rid, "findings": [f.as_json() for f in review.findings]},
                                 ensure_ascii=False) + "\n")
            count += 1
            findings += len(review.findings)
    print(f"{count:,} texts, {findings:,} findings: {path}")


def compare(before: Path, after: Path) -> int:
    def read(path):
        return {(r["set"], str(r["id"])): r["findings"] for r in map(json.loads, path.open(encoding="utf-8"))}

    a, b = read(before), read(after)
    differ = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
    for key in differ[:50]:
        print(f"{key[0]} {key[1]}:\n  before {a.get(key)}\n  after  {b.get(key)}")
    print(f"{len(a):,} and {len(b):,} texts; {len(differ)} differ")
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path)
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    parser.add_argument("--data", type=Path, help="the real data folder (default: ../shared/realdata)")
    args = parser.parse_args()
    if args.compare:
        return compare(*args.compare)
    if not args.out:
        parser.error("give a file to write, or --compare BEFORE AFTER")
    write(args.out, args.data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
