"""Scoring records in order, in this process or in worker processes that each hold their own Moderator.

Records go out in batches and rows come back in the same order.  Only a few batches are in flight at
once, so memory stays flat however long the log is.  A worker that dies (a crash inside a native
library) costs one record, not the run: its batch is scored again record by record in a new pool, and
the record that kills a worker again becomes an error row.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import CancelledError, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from .records import Record, ScanRow, error_row, score_batch

BATCH_RECORDS = 128
BATCH_CHARS = 1 << 20  # a batch of long comments closes early, so a few huge ones cannot pile up
IN_FLIGHT_PER_JOB = 3
# A batch whose pool broke (a worker died) or was shut down to restart it.
_LOST = (BrokenProcessPool, CancelledError)


@dataclass(frozen=True)
class ScanSettings:
    """What every worker needs to build its Moderator and score a record (must pickle)."""

    mode: str = "comment"
    policy: object = None  # a Policy, a path to a policy file, or None for the default
    rules: tuple[str, ...] = field(default_factory=tuple)
    redact: bool = False

    def moderator(self):
        from ..moderator import Moderator
        from ..policy import Policy

        policy = Policy.load(self.policy) if isinstance(self.policy, (str, Path)) else self.policy
        return Moderator(policy=policy, rules=self.rules)


# --- the worker side --------------------------------------------------------------------------------

_worker: tuple | None = None  # (moderator, settings) of this worker process


def _die_with_parent(parent: int) -> None:
    """A worker waits on its task queue forever: if the scan is killed, end with it (Linux)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            return
        if os.getppid() != parent:  # the parent died before prctl took effect
            os._exit(1)


def _init_worker(settings: ScanSettings, parent: int) -> None:
    global _worker
    _die_with_parent(parent)
    # Ctrl-C reaches the whole process group: the main process stops the scan (its output stays
    # resumable); workers printing tracebacks of their own would only bury that.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker = (settings.moderator(), settings)
    settle_for_a_long_run()


def settle_for_a_long_run() -> None:
    """Leave the objects that now exist (the Moderator's tables, rules, dictionary caches: ninety
    thousand of them) out of the cyclic garbage collector's passes.  Each text of a scan makes
    thousands of short-lived objects, each of whose collections walked them all again: 5% of a scan.
    For a scan's own processes only; a program that imports the library keeps its collector as it is."""
    gc.freeze()


def _score_batch(batch: list[Record]) -> list[ScanRow]:
    moderator, settings = _worker
    return score_batch(moderator, batch, settings.mode, settings.redact)


# --- the ordering side ------------------------------------------------------------------------------


def batches(records: Iterable[Record], size: int | None = None, chars: int | None = None) -> Iterator[list[Record]]:
    size, chars = size or BATCH_RECORDS, chars or BATCH_CHARS
    batch: list[Record] = []
    held = 0
    for record in records:
        batch.append(record)
        held += len(record.text)
        if len(batch) >= size or held >= chars:
            yield batch
            batch, held = [], 0
    if batch:
        yield batch


def _context():
    # fork: workers start at once, share the loaded dictionary pages, and need no importable __main__
    # (a library user's script without a main guard still works).
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods and sys.platform != "darwin" else "spawn")


class _Pool:
    def __init__(self, jobs: int, settings: ScanSettings):
        self.jobs, self.settings = jobs, settings
        self.executor = self._new()

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.jobs, mp_context=_context(), initializer=_init_worker,
                                   initargs=(self.settings, os.getpid()))

    def submit(self, batch: list[Record]):
        try:
            return self.executor.submit(_score_batch, batch)
        except BrokenProcessPool:
            self.restart()
            return self.executor.submit(_score_batch, batch)

    def restart(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._new()

    def one_by_one(self, batch: list[Record]) -> list[ScanRow]:
        """Score a batch whose worker died, one record per task, to find the record that kills it:
        the one that brings down a fresh pool twice on its own."""
        rows = []
        for record in batch:
            for _ in range(2):
                try:
                    rows.extend(self.executor.submit(_score_batch, [record]).result())
                    break
                except _LOST:
                    self.restart()
            else:
                rows.append(error_row(record, "scoring crashed the worker process; check this record by hand"))
        return rows

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def scan_records(
    records: Iterable[Record],
    *,
    mode: str = "comment",
    policy=None,
    rules: Iterable[str | Path] = (),
    redact: bool = False,
    jobs: int = 1,
    moderator=None,
) -> Iterator[ScanRow]:
    """One ScanRow per record, in input order.

    ``records`` come from :func:`read_records` (or are built by the caller).  ``jobs`` > 1 scores in
    that many worker processes, each with its own Moderator built from ``policy`` (a Policy or a path)
    and ``rules``; with one job, ``moderator`` may be given to reuse one already built.
    """
    settings = ScanSettings(mode, policy, tuple(str(r) for r in rules), redact)
    if jobs <= 1:
        moderator = moderator or settings.moderator()
        for batch in batches(records):
            yield from score_batch(moderator, batch, mode, redact)
        return
    pool = _Pool(jobs, settings)
    in_flight: deque = deque()
    pending = batches(records)
    try:
        while True:
            while len(in_flight) < jobs * IN_FLIGHT_PER_JOB:
                batch = next(pending, None)
                if batch is None:
                    break
                in_flight.append((pool.submit(batch), batch))
            if not in_flight:
                return
            future, batch = in_flight.popleft()
            try:
                rows = future.result()
            except _LOST:
                # Every batch in flight died with the pool: score this one carefully, resend the rest.
                pool.restart()
                rows = pool.one_by_one(batch)
                in_flight = deque((pool.submit(b), b) for _, b in in_flight)
            yield from rows
    finally:
        pool.close()
