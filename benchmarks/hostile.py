"""CPU seconds for one ``Moderator().review`` (what ``check`` does, without the pydantic Report) on
hostile texts at 10k, 30k and 100k characters, and 1M for growth (issue 17: each 100k case at most
3 s, 100k → 1M at most ~12×).  CPU seconds, because on a shared machine wall time measures the
other processes too.

    python benchmarks/hostile.py [--sizes 10000,30000,100000,1000000] [--give-up 60] [--case NAME]

Each case is a text an attacker (or a broken export) can paste into a comment box.  The Moderator is
warmed on a short text first, so a figure is the check alone.  A case whose last size took more than
``--give-up`` seconds is not tried at the larger ones (shown as ``–``): the point of the table is
how time grows, and a quadratic step would take hours at 1M.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def corpus_line(n: int) -> str:
    """Benign corpus comments joined on one line, repeated to ``n`` characters: realistic text at length."""
    texts = []
    with (ROOT / "corpora" / "comments.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            if not record["labels"]:
                texts.append(record["text"].replace("\n", " "))
    one = " ".join(texts)
    return (one * (n // len(one) + 1))[:n]


# name → (mode, text of n characters); the first six are the reproducers, exact.
CASES = {
    "phones": ("comment", lambda n: ("電話090-1234-5678 " * (n // 16 + 1))[:n]),
    "emails": ("comment", lambda n: ("taro.yamada@gmail.com " * (n // 22 + 1))[:n]),
    "obfuscated": ("comment", lambda n: ("し.ね ば・か こ○す 氏ね ﾀﾋね " * (n // 20 + 1))[:n]),
    "url-dots": ("draft", lambda n: " " + "jp." * ((n - 2) // 3) + "a"),
    "email-host": ("draft", lambda n: "x@" + "a." * ((n - 3) // 2) + "1"),
    "combining": ("comment", lambda n: "a" + "\u0301\u0316" * ((n - 1) // 2)),
    "corpus-line": ("comment", corpus_line),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,30000,100000,1000000")
    parser.add_argument("--give-up", type=float, default=60.0, help="skip larger sizes after a check this slow")
    parser.add_argument("--case", action="append", choices=sorted(CASES), help="only these cases")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    from nayoro_moderation import Moderator

    mod = Moderator()
    for mode in ("draft", "comment"):
        mod.review("名寄市の除雪は明日の朝から始まります。電話090-1234-5678", mode=mode)

    header = ["case", "mode", *(f"{s // 1000}k" if s < 10**6 else f"{s // 10**6}M" for s in sizes), "growth", "skipped"]
    print(" | ".join(header))
    print(" | ".join("---" for _ in header))
    for name in args.case or CASES:
        mode, make = CASES[name]
        times: list[float | None] = []
        skipped: set[str] = set()
        for n in sizes:
            if times and (times[-1] is None or times[-1] > args.give_up):
                times.append(None)
                continue
            text = make(n)
            start = time.process_time()
            review = mod.review(text, mode=mode)
            times.append(time.process_time() - start)
            skipped.update(s.rule_id for s in review.skipped)
        growth = "–"
        if len(sizes) >= 2 and times[-1] is not None and times[-2]:
            growth = f"{times[-1] / times[-2]:.1f}×"
        cells = [f"{t:.2f}" if t is not None else "–" for t in times]
        print(" | ".join([name, mode, *cells, growth, ", ".join(sorted(skipped)) or "none"]), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
