"""Cold start of `check` on a 1 KB draft, beside Python importing SudachiPy and tokenizing one
sentence, measured in the same run (issue 2: under 0.5 s wall on the 2-core machine).

    python benchmarks/cold_start.py [--runs 7]

It first byte-compiles the package (``python -m compileall``, which writes .pyc files even under
PYTHONDONTWRITEBYTECODE=1): a user's ``pip install`` writes them, and without them an editable
checkout in such an environment would recompile every module at every start, which is not what an
installed user sees.  The derived cache is warmed by the first, untimed run, as on a user's second
run; the first-ever run (cache cold) is slower and is not what this measures.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUDACHI_ONLY = (
    "from sudachipy import Dictionary; t = Dictionary().tokenizer(); "
    "[m.surface() for m in t.tokenize('名寄市の除雪は明日の朝から始まります。')]"
)


def one_kilobyte_draft() -> str:
    """Benign drafts from the corpus, joined up to 1 KB of UTF-8."""
    out = ""
    with (ROOT / "corpora" / "drafts.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            if record["labels"]:
                continue
            if len((out + record["text"] + "\n").encode("utf-8")) > 1024:
                break
            out += record["text"] + "\n"
    return out


def wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as fh:
        fh.write(one_kilobyte_draft())
        draft = fh.name
    subprocess.run([sys.executable, "-m", "compileall", "-q", "nayoro_moderation"], cwd=ROOT, check=True)
    check_cmd = [sys.executable, "-m", "nayoro_moderation", "check", draft]
    sudachi_cmd = [sys.executable, "-c", SUDACHI_ONLY]
    # Warm the file and derived caches, and make sure both commands work: a crashed run is fast.
    for cmd, codes in ((check_cmd, (0, 1)), (sudachi_cmd, (0,))):
        run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
        if run.returncode not in codes or "Traceback" in run.stderr:
            sys.exit(f"{' '.join(cmd)} failed (exit {run.returncode}):\n{run.stderr}")
    checks, sudachis = [], []
    for _ in range(args.runs):  # interleaved, so both see the same machine load
        checks.append(wall(check_cmd))
        sudachis.append(wall(sudachi_cmd))
    check_s, sudachi_s = statistics.median(checks), statistics.median(sudachis)
    print(f"draft size          {Path(draft).stat().st_size} bytes")
    print(f"check cold start    {check_s:.3f} s (median of {args.runs})")
    print(f"sudachi import+tok  {sudachi_s:.3f} s (median of {args.runs})")
    print(f"ratio               {check_s / sudachi_s:.2f}x")
    print(f"budget 0.5 s        {'ok' if check_s < 0.5 else 'OVER'}")
    Path(draft).unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
