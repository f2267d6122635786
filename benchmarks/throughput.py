"""Throughput of `scan` beside raw Sudachi tokenization of the same texts, in the same run (DESIGN §9).

    python benchmarks/throughput.py                      # 100,000 comments: raw Sudachi, scan --jobs 1 and 2
    python benchmarks/throughput.py --count 1000000 --jobs 2 --skip-raw   # memory at 1M
    python benchmarks/throughput.py --count 5000 --profile                # where the time goes
    python benchmarks/throughput.py --count 1000000 --skip-raw --dask local:2  # --jobs 1, 2 and a LocalCluster

1. Generates a realistic log (CSV, as a monitoring tool exports it): comments built from the labelled
   corpus's sentences, mostly ordinary ones and about one in ten from a prohibited kind, from one-word
   reactions to long multi-paragraph complaints, spread over two months with one flare-up evening.
2. Times raw Sudachi on the texts (tokenize in mode C, as Document does, and read each morpheme's
   surface): the floor a scan is measured against.
3. Times `python -m nayoro_moderation scan LOG -o OUT --jobs N` (and `--dask ADDRESS` for each
   --dask given) as a user runs it, and samples the memory of the scan's processes (PSS, so pages
   shared by forked workers are counted once) every 0.2 s, in all and per process (the main process,
   and the largest worker); ru_maxrss gives the largest single process.
4. With --profile, runs the scan in this process under cProfile and groups the time by module.

Results go to benchmarks/out/ (not committed).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import subprocess
import sys
import threading
import time
from collections import defaultdict
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
GENERATOR_VERSION = 2  # 2: ordinary comments built from sentences, about half of them distinct (1: 16%)
REACTIONS = ["ありがとうございます！", "👍", "いいね", "了解です", "楽しみ！", "寒い…", "お疲れさまです", "なるほど"]


def _sentences(texts: list[str]) -> list[str]:
    out = []
    for text in texts:
        for part in text.replace("！", "！\n").replace("。", "。\n").replace("？", "？\n").splitlines():
            if part.strip():
                out.append(part.strip())
    return out


def generate(path: Path, count: int, seed: int = 20261120) -> None:
    corpus = [json.loads(line) for line in (ROOT / "corpora" / "comments.jsonl").open(encoding="utf-8")]
    ordinary = [r["text"] for r in corpus if not r.get("labels")]
    prohibited = [r["text"] for r in corpus if r.get("labels")]
    hostile = [r["text"] for r in corpus if set(r.get("labels") or ()) & {"defamation", "law_violation", "discrimination"}]
    pieces = _sentences(ordinary)
    rng = random.Random(seed)
    start = datetime(2026, 10, 1, 6, 0)
    flare = datetime(2026, 11, 18, 21, 0)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["ID", "投稿日時", "投稿者", "コメント"])
        for i in range(count):
            roll = rng.random()
            if roll < 0.10:
                text = rng.choice(prohibited)
                if rng.random() < 0.5:  # said in passing, after or before an ordinary sentence
                    text = text + rng.choice(pieces) if rng.random() < 0.5 else rng.choice(pieces) + text
            elif roll < 0.25:
                text = rng.choice(REACTIONS)
            elif roll < 0.85:
                # One or two sentences of the corpus's ordinary comments, now and then with a reaction
                # after them: whole corpus texts repeated would make three in four comments exact
                # duplicates, which real logs are not.
                text = "".join(rng.choice(pieces) for _ in range(1 if rng.random() < 0.6 else 2))
                if rng.random() < 0.2:
                    text += rng.choice(REACTIONS)
            elif roll < 0.97:
                text = "".join(rng.choice(pieces) for _ in range(rng.randint(3, 8)))
            else:  # a long complaint in paragraphs
                text = "\n\n".join("".join(rng.choice(pieces) for _ in range(rng.randint(4, 10))) for _ in range(rng.randint(2, 6)))
            if rng.random() < 0.002:  # the flare-up: a burst of comments, most of them attacks
                when = flare + timedelta(minutes=rng.randint(0, 59))
                if rng.random() < 0.6:
                    text = rng.choice(hostile)
            else:
                when = start + timedelta(seconds=int(i / count * 60 * 86400) + rng.randint(0, 600))
            writer.writerow([f"c{i:07d}", when.strftime("%Y/%m/%d %H:%M"), f"user{rng.randint(1, 5000)}", text])


def texts_of(path: Path, chunk: int = 10_000):
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        next(reader)
        batch = []
        for row in reader:
            batch.append(row[3])
            if len(batch) >= chunk:
                yield batch
                batch = []
        if batch:
            yield batch


def raw_sudachi(path: Path) -> dict:
    from sudachipy import Dictionary, SplitMode

    tokenizer = Dictionary().tokenizer(mode=SplitMode.C)
    tokenizer.tokenize("準備", SplitMode.C)
    count = chars = 0
    seconds = cpu = 0.0
    for batch in texts_of(path):
        t0, c0 = time.perf_counter(), time.process_time()
        for text in batch:
            for m in tokenizer.tokenize(text, SplitMode.C):
                m.surface()
        seconds += time.perf_counter() - t0
        cpu += time.process_time() - c0
        count += len(batch)
        chars += sum(len(t) for t in batch)
    return {"what": "raw Sudachi (mode C, surface)", "comments": count, "chars": chars, "seconds": seconds,
            "per_second": count / seconds, "cpu_s": round(cpu, 1), "per_cpu_second": count / cpu}


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        for task in Path(f"/proc/{p}/task").glob("*") if Path(f"/proc/{p}/task").exists() else ():
            try:
                todo.extend(int(c) for c in (task / "children").read_text().split())
            except OSError:
                pass
    return pids


def _role(pid: int, main: int) -> str:
    if pid == main:
        return "main"
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return "worker"
    return "helper" if b"resource_tracker" in command or b"forkserver" in command else "worker"


def run_scan(path: Path, mode: str, count: int) -> dict:
    """``mode``: "jobs N" or "dask ADDRESS", the option the scan is run with."""
    option, value = mode.split(" ", 1)
    name = f"{option}{value.replace(':', '')}"
    out = OUT / f"scan-{count}-{name}.jsonl"
    command = [sys.executable, "-m", "nayoro_moderation", "scan", str(path), "-o", str(out), f"--{option}", value,
               "--summary", str(OUT / f"summary-{count}-{name}.json")]
    peak, main_cpu = [0], [0.0]
    per_process: dict[int, list] = {}  # pid → [role, peak PSS kB]
    ticks = os.sysconf("SC_CLK_TCK")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(command, cwd=ROOT)

    trace = (OUT / f"memory-{count}-{name}.csv").open("w")
    trace.write("seconds,output_bytes,pss_mb\n")

    def sample():
        last = 0.0
        while proc.poll() is None:
            each = {p: _pss_kb(p) for p in _tree(proc.pid)}
            pss = sum(each.values())
            peak[0] = max(peak[0], pss)
            for p, kb in each.items():
                if p not in per_process:
                    per_process[p] = [_role(p, proc.pid), 0]
                per_process[p][1] = max(per_process[p][1], kb)
            now = time.perf_counter() - t0
            if now - last >= 10:  # memory over the run: flat, or growing with the log?
                size = out.stat().st_size if out.exists() else 0
                trace.write(f"{now:.0f},{size},{pss / 1024:.1f}\n")
                trace.flush()
                last = now
            try:  # CPU time of the scan's main process alone (reading, ordering, writing)
                fields = Path(f"/proc/{proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
                main_cpu[0] = (int(fields[11]) + int(fields[12])) / ticks
            except (OSError, IndexError, ValueError):
                pass
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = proc.wait()
    seconds = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU of the scan and its workers (they are waited for, so their time is counted here): on a
    # machine shared with other work, wall time shows the contention, CPU time shows the cost.
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    sampler.join()
    trace.close()
    if code not in (0, 1):
        raise SystemExit(f"scan failed with exit code {code}")
    rows = sum(1 for _ in out.open(encoding="utf-8"))
    workers = [kb for role, kb in per_process.values() if role == "worker"]
    return {
        "what": f"scan --{mode}", "comments": rows, "seconds": seconds, "per_second": rows / seconds,
        "cpu_s": round(cpu, 1), "per_cpu_second": rows / cpu,
        "peak_pss_mb": round(peak[0] / 1024, 1), "main_process_cpu_s": round(main_cpu[0], 1),
        "main_peak_pss_mb": round(max((kb for role, kb in per_process.values() if role == "main"), default=0) / 1024, 1),
        "worker_peak_pss_mb": round(max(workers, default=0) / 1024, 1), "worker_processes": len(workers),
        "per_process_peak_pss_mb": sorted((role, round(kb / 1024, 1)) for role, kb in per_process.values()),
        "max_process_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
    }


def startup_seconds(mode: str) -> float:
    """Time to scan a one-comment log: imports, dictionary, rules and worker (or cluster) start-up."""
    one = OUT / "one.csv"
    one.write_text("ID,コメント\n1,ありがとうございます\n", encoding="utf-8")
    option, value = mode.split(" ", 1)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "nayoro_moderation", "scan", str(one), f"--{option}", value, "--summary", "/dev/null"],
                   cwd=ROOT, stdout=subprocess.DEVNULL, check=False)
    return time.perf_counter() - t0


def profile(path: Path, limit: int) -> None:
    import cProfile
    import itertools
    import pstats

    from nayoro_moderation.scan import read_records, scan_records

    from nayoro_moderation import Moderator

    moderator = Moderator()
    moderator.check("準備", "comment")
    records = list(itertools.islice(read_records(path), limit))
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in scan_records(records, moderator=moderator):
        pass
    profiler.disable()
    stats = pstats.Stats(profiler)
    by_module: dict[str, float] = defaultdict(float)
    total = 0.0
    for (filename, _, name), (_, _, tottime, _, _) in stats.stats.items():
        total += tottime
        if "nayoro_moderation" in filename:
            key = filename.split("nayoro_moderation/")[-1]
        elif filename == "~":
            key = "builtin: " + ("sudachipy " + name if "sudachipy" in name or "Tokenizer" in name or "Morpheme" in name else name.split(" of ")[0])
        else:
            key = Path(filename).name
        by_module[key] += tottime
    print(f"\nprofile of {limit:,} comments, scan with one job, in this process (cProfile, own time):")
    for key, seconds in sorted(by_module.items(), key=lambda kv: -kv[1])[:25]:
        print(f"  {seconds / total:6.1%}  {seconds:7.2f}s  {key}")
    print("\ntop functions:")
    stats.sort_stats("tottime").print_stats(20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--jobs", default="1,2", help="comma-separated job counts to time")
    parser.add_argument("--dask", default="", help="comma-separated --dask addresses to time too (local:2)")
    parser.add_argument("--skip-raw", action="store_true", help="do not time raw Sudachi")
    parser.add_argument("--profile", action="store_true", help="profile the scan in this process instead")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    # The generator's version is in the name: a log made by an older generator is not reused.
    log = OUT / f"log-{args.count}-g{GENERATOR_VERSION}.csv"
    if not log.exists():
        t0 = time.perf_counter()
        generate(log, args.count)
        print(f"generated {args.count:,} comments in {time.perf_counter() - t0:.1f}s: {log} ({log.stat().st_size / 1e6:.1f} MB)")
    if args.profile:
        profile(log, args.count)
        return
    results = []
    if not args.skip_raw:
        results.append(raw_sudachi(log))
        print(f"raw Sudachi: {results[-1]['per_second']:,.0f} comments/s ({results[-1]['chars'] / results[-1]['comments']:.0f} characters each on average)")
    modes = [f"jobs {int(j)}" for j in args.jobs.split(",") if j] + [f"dask {a}" for a in args.dask.split(",") if a]
    for mode in modes:
        results.append(run_scan(log, mode, args.count))
        results[-1]["startup_seconds"] = round(startup_seconds(mode), 2)
        r = results[-1]
        print(f"scan --{mode}: {r['per_second']:,.0f} comments/s, {r['seconds']:.1f}s, peak PSS {r['peak_pss_mb']} MB "
              f"(main {r['main_peak_pss_mb']} MB, largest of {r['worker_processes']} workers {r['worker_peak_pss_mb']} MB)")
    raw = next((r for r in results if r["what"].startswith("raw")), None)
    one = next((r for r in results if r["what"] == "scan --jobs 1"), None)
    print(f"\n{'':30} {'comments/s':>10} {'vs raw':>7} {'vs 1 job':>8} {'per CPU-s':>9} {'vs raw':>7} "
          f"{'CPU-s':>7} {'main CPU-s':>10} {'peak PSS MB':>11} {'main MB':>7} {'worker MB':>9} {'max RSS MB':>10}")
    for r in results:
        vs_raw = f"{r['per_second'] / raw['per_second']:.3f}" if raw and r is not raw else ""
        cpu_vs_raw = f"{r['per_cpu_second'] / raw['per_cpu_second']:.3f}" if raw and r is not raw else ""
        vs_one = f"{r['per_second'] / one['per_second']:.2f}×" if one and r["what"].startswith("scan") else ""
        print(f"{r['what']:30} {r['per_second']:>10,.0f} {vs_raw:>7} {vs_one:>8} {r['per_cpu_second']:>9,.0f} {cpu_vs_raw:>7} "
              f"{r['cpu_s']:>7} {r.get('main_process_cpu_s', ''):>10} {r.get('peak_pss_mb', ''):>11} "
              f"{r.get('main_peak_pss_mb', ''):>7} {r.get('worker_peak_pss_mb', ''):>9} {r.get('max_process_rss_mb', ''):>10}")
    load = os.getloadavg()
    print(f"load average at the end: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} CPUs "
          "(above the CPU count, other processes took CPU from this run: compare CPU-seconds, not wall time)")
    report = OUT / f"throughput-{args.count}.json"
    report.write_text(json.dumps({"count": args.count, "when": datetime.now().isoformat(timespec="seconds"),
                                  "load_average": load, "results": results}, ensure_ascii=False, indent=2))
    print(f"\nsaved {report}")


if __name__ == "__main__":
    main()
