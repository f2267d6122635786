"""What the engine does on real Japanese text that no one on this project wrote (DESIGN §9).

    python benchmarks/realdata.py [--data ../shared/realdata] [--set court] [--full] [--show misses|alarms]

Reads the development halves in ``../shared/realdata/`` (see its README; they are never copied into
the repository) and prints, per set, the share of harmful texts flagged (recall) or of clean texts
flagged (false alarms), and which rules fire.  Skips cleanly when the folder is absent.

- ``court``: posts courts ruled unlawful (``rights_upheld`` non-empty), comment mode; a finding in any
  comment category counts, and the share per right (名誉権 → ⑵, 名誉感情 → ⑵, プライバシー → ⑼).
- ``rtplx``: prompts rated by three native speakers, comment mode; Toxicity ≥ 3 is toxic (recall),
  ≤ 1.5 clean (false alarms).
- ``chat``: ordinary chat between strangers, comment mode: every finding is a false alarm.  Without
  ``--full`` every 6th utterance is read, so the whole run stays under a minute.
- ``bulletin``: a city's published bulletin articles, draft mode, ``published`` as the posting time:
  every medium-or-higher finding is a false alarm.

``--show misses`` prints the texts missed (for reading kinds, never for copying), ``--show alarms``
the false alarms with the rules that fired.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nayoro_moderation import Moderator  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "realdata"
CHAT_STRIDE = 6
# Court records mask names; a plausible name in their place lets target detection work as it would.
MASKS = {
    "[P-ind]": "山田太郎", "[Ot-ind]": "佐藤", "[D-ind]": "鈴木", "[P]": "山田", "[Ot]": "佐藤",
    "[P-group]": "山田商事", "[Ot-group]": "佐藤工業", "[Adr]": "名寄市西3条南5丁目", "[URL]": "https://example.com/x",
}
RIGHT_GROUPS = {"名誉権": "名誉権", "名誉感情": "名誉感情", "プライバシー": "プライバシー", "私生活の平穏": "プライバシー"}


def read(path: Path):
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def unmask(text: str) -> str:
    for mask, name in MASKS.items():
        text = text.replace(mask, name)
    return text


class Tally:
    def __init__(self, name: str, kind: str):
        self.name, self.kind = name, kind  # kind: "recall" (share flagged is good) or "alarm"
        self.total = self.flagged = 0
        self.rules: Counter = Counter()
        self.categories: Counter = Counter()
        self.shown: list[tuple[str, str]] = []

    def add(self, text: str, report, *, keep: bool) -> bool:
        self.total += 1
        hit = bool(report.findings)
        self.flagged += hit
        for f in report.findings:
            self.rules[f.rule_id] += 1
        for c in {f.category.value for f in report.findings}:
            self.categories[c] += 1
        flagged_or_missed = hit if self.kind == "alarm" else not hit
        if keep and flagged_or_missed:
            self.shown.append((text, ",".join(sorted({f"{f.rule_id}:{f.matched}" for f in report.findings}))))
        return hit

    @property
    def share(self) -> float:
        return self.flagged / self.total if self.total else 0.0

    def line(self) -> str:
        label = "recall" if self.kind == "recall" else "flagged (false alarms)"
        top = ", ".join(f"{r} {n}" for r, n in self.rules.most_common(6))
        return f"{self.name:<34} {self.flagged:>5}/{self.total:<6} {label} {self.share:.3f}   {top}"


def court(mod: Moderator, path: Path, show: bool) -> list[Tally]:
    upheld = Tally("court: ruled unlawful", "recall")
    per_right = {g: Tally(f"court: {g}", "recall") for g in dict.fromkeys(RIGHT_GROUPS.values())}
    for row in read(path):
        rights = {RIGHT_GROUPS[r] for r in row.get("rights_upheld") or [] if r in RIGHT_GROUPS}
        if not rights or not row.get("text"):
            continue
        text = unmask(row["text"])
        report = mod.review(text, mode="comment")
        upheld.add(text, report, keep=show)
        for g in rights:
            per_right[g].add(text, report, keep=False)
    return [upheld, *per_right.values()]


def rtplx(mod: Moderator, path: Path, show: str | None) -> list[Tally]:
    toxic = Tally("rtplx: toxic (>=3)", "recall")
    clean = Tally("rtplx: clean (<=1.5)", "alarm")
    for row in read(path):
        text = row["text"]
        if row["Toxicity"] >= 3:
            toxic.add(text, mod.review(text, mode="comment"), keep=show == "misses")
        elif row["Toxicity"] <= 1.5:
            clean.add(text, mod.review(text, mode="comment"), keep=show == "alarms")
    return [toxic, clean]


def chat(mod: Moderator, path: Path, show: bool, full: bool) -> list[Tally]:
    tally = Tally("chat: ordinary utterances" + ("" if full else f" (1 in {CHAT_STRIDE})"), "alarm")
    for i, row in enumerate(read(path)):
        if full or i % CHAT_STRIDE == 0:
            tally.add(row["text"], mod.review(row["text"], mode="comment"), keep=show)
    return [tally]


def bulletin(mod: Moderator, path: Path, show: bool) -> list[Tally]:
    medium = Tally("bulletin: medium or higher", "alarm")
    high = Tally("bulletin: high", "alarm")
    any_ = Tally("bulletin: any finding", "alarm")
    for row in read(path):
        text = row["text"]
        posted = datetime.fromisoformat(row["published"])
        report = mod.review(text, mode="draft", posted_at=posted)
        any_.add(text, report, keep=False)
        medium.add(text, _at_least(report, "medium"), keep=show)
        high.add(text, _at_least(report, "high"), keep=False)
    return [medium, high, any_]


class _Only:
    def __init__(self, findings):
        self.findings = findings


def _at_least(report, severity: str) -> _Only:
    from nayoro_moderation import Severity

    return _Only(report.at_least(Severity(severity)))


SETS = {
    "court": ("court_dev.jsonl", lambda m, p, a: court(m, p, a.show == "misses")),
    "rtplx": ("rtplx_ja_dev.jsonl", lambda m, p, a: rtplx(m, p, a.show)),
    "chat": ("persona_chat_dev.jsonl", lambda m, p, a: chat(m, p, a.show == "alarms", a.full)),
    "bulletin": ("bulletin_atsugi.jsonl", lambda m, p, a: bulletin(m, p, a.show == "alarms")),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--set", choices=sorted(SETS), action="append")
    parser.add_argument("--full", action="store_true", help="read every chat utterance")
    parser.add_argument("--show", choices=["misses", "alarms"])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"skipped: {args.data} is absent (real data is kept outside the repository)")
        return 0
    mod = Moderator()
    tallies: list[Tally] = []
    for name in args.set or list(SETS):
        file, run = SETS[name]
        path = args.data / file
        if not path.exists():
            print(f"skipped {name}: {path} is absent")
            continue
        tallies += run(mod, path, args)
    for t in tallies:
        for text, found in t.shown:
            print(f"[{t.name}] {found or '-'}\t{text[:300]!r}")
    if args.json:
        print(json.dumps({t.name: {"share": round(t.share, 4), "n": t.total, "categories": dict(t.categories)} for t in tallies}, ensure_ascii=False))
    for t in tallies:
        print(t.line())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
