"""A speed change measured in one process: the scan path of a git revision against the working tree,
alternated over the same comments, with raw Sudachi between them and the rows compared.

    python benchmarks/speed_ab.py                         # HEAD against the working tree
    python benchmarks/speed_ab.py --base 970203b --count 10000 --rounds 6

On this shared 2-core machine raw Sudachi's own speed swings by half from one run to the next, so two
runs of throughput.py cannot tell a 5% change from noise.  Here the revision's package is unpacked
(``git archive``) under another name beside the working tree's, both Moderators are built in this
process, and each round scores the same comments with each (``score_batch``, a batch at a time, as
``scan --jobs 1`` does), in alternating order.  It prints the CPU seconds of each, the median of the
rounds' ratios, and whether every row is the same; it exits 1 when a row differs, since a change
meant to be only faster must change no finding (benchmarks/findings.py checks every corpus).

The comments are throughput.py's generated log, made on first use (benchmarks/out/, not committed).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import importlib.util
import itertools
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE_NAME = "nm_base"  # the revision's package, imported under this name


def _sibling(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def unpack(revision: str, into: Path) -> None:
    """The package and bundled rules of ``revision``, the package renamed (its imports are relative)."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision, "nayoro_moderation", "rules"],
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    (into / "nayoro_moderation").rename(into / BASE_NAME)


def _row(row) -> tuple:
    return tuple(getattr(row, field) for field in row.FIELDS)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="HEAD", help="the git revision to compare the working tree with")
    parser.add_argument("--count", type=int, default=5000, help="comments scored in each round")
    parser.add_argument("--rounds", type=int, default=6)
    args = parser.parse_args()

    throughput = _sibling("throughput")
    log = throughput.OUT / f"log-100000-g{throughput.GENERATOR_VERSION}.csv"
    if not log.exists():
        throughput.OUT.mkdir(parents=True, exist_ok=True)
        throughput.generate(log, 100_000)
    folder = Path(tempfile.mkdtemp(prefix="speed-ab-"))
    try:
        unpack(args.base, folder)
        sys.path.insert(0, str(ROOT))
        sys.path.insert(0, str(folder))
        from sudachipy import Dictionary, SplitMode

        import nayoro_moderation as current
        from nayoro_moderation.scan import read_records
        from nayoro_moderation.scan.records import score_batch as score_current
        from nayoro_moderation.scan.workers import batches

        base = importlib.import_module(BASE_NAME)
        score_base = importlib.import_module(f"{BASE_NAME}.scan.records").score_batch
        # Comments past the first 40,000 of the log: the start of the log is what other runs warm up on.
        records = list(itertools.islice(read_records(log), 40_000, 40_000 + args.count))
        moderators = {"base": base.Moderator(), "current": current.Moderator()}
        scorers = {"base": score_base, "current": score_current}
        rows = {name: [_row(r) for batch in batches(records) for r in scorers[name](moderators[name], batch, "comment")]
                for name in scorers}  # also the warm-up: patterns compiled, caches filled
        tokenizer = Dictionary().tokenizer(mode=SplitMode.C)
        texts = [r.text for r in records if isinstance(r.text, str)]

        def raw() -> None:
            for text in texts:
                for m in tokenizer.tokenize(text):
                    m.surface()

        def scan(name: str) -> None:
            for batch in batches(records):
                scorers[name](moderators[name], batch, "comment")

        gc.freeze()  # as a scan's own process does
        seconds: dict[str, list[float]] = {"raw": [], "base": [], "current": []}
        for round_ in range(args.rounds):
            for name in ("raw", *(("base", "current") if round_ % 2 == 0 else ("current", "base"))):
                start = time.process_time()
                raw() if name == "raw" else scan(name)
                seconds[name].append(time.process_time() - start)
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    same = rows["base"] == rows["current"]
    raw_median = statistics.median(seconds["raw"])
    print(f"{args.count:,} comments, {args.rounds} rounds, base {args.base} against the working tree (CPU seconds)")
    for name, values in seconds.items():
        ratio = "" if name == "raw" else f"  {raw_median / statistics.median(values):.3f}x raw Sudachi"
        print(f"  {name:8} median {statistics.median(values):7.3f}  best {min(values):7.3f}{ratio}")
    print(f"  current / base: median of the rounds' ratios {statistics.median(c / b for c, b in zip(seconds['current'], seconds['base'])):.3f}, "
          f"of the best {min(seconds['current']) / min(seconds['base']):.3f}")
    print(f"  rows: {'all the same' if same else 'DIFFERENT'} ({len(rows['current']):,})")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
