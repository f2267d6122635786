"""Partitions scored on a Dask cluster (``dask.distributed``, the optional ``cluster`` extra).

Dask does the distributed part: it places the tasks, and when a worker dies it runs the dead worker's
tasks again elsewhere (the partition function is pure, so a partition scored twice gives the same rows,
and only one result per partition is ever taken).  This module only keeps the results in input order
with a bounded number of partitions in flight, as workers.py does for local processes.  A partition
that kills every worker it runs on (Dask gives up with KilledWorker) is scored record by record, and
the record that kills its worker becomes an error row, as with --jobs.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from .partitions import Partition, read_partition, score_file_partition, score_records_with
from .records import ScanRow, error_row
from .workers import ScanSettings

IN_FLIGHT_PER_THREAD = 2  # one scoring, one waiting: no worker idles while the client writes
CONNECT_TIMEOUT = "10s"


class ClusterUnavailable(RuntimeError):
    """Dask is not installed, or the scheduler cannot be reached."""


def require_dask():
    try:
        import distributed
    except ImportError:
        raise ClusterUnavailable(
            "--dask needs Dask, which is not installed: pip install 'nayoro_moderation[cluster]'"
        ) from None
    return distributed


def local_workers(address: str) -> int | None:
    """N of ``local:N`` (``local`` alone: one per CPU); None for a scheduler's address."""
    if address != "local" and not address.startswith("local:"):
        return None
    n = address.partition(":")[2]
    if not n:
        return os.cpu_count() or 1
    if not n.isdigit() or int(n) < 1:
        raise ValueError(f"local:{n}: the number of worker processes must be 1 or more")
    return int(n)


@contextmanager
def cluster_client(address: str):
    """A Client of ``address``: ``local`` or ``local:N`` starts a LocalCluster of N worker processes
    with one thread each on this machine; anything else is a running scheduler (tcp://host:8786)."""
    distributed = require_dask()
    n = local_workers(address)
    if n is not None:
        # One thread per worker: scoring holds the GIL, so a second thread would only wait.  Dask's
        # sampling profiler (a look at every worker's stack every 10 ms) is off: it is for Dask's
        # dashboard, which a scan does not show, and it cost the workers CPU time.
        import dask

        with (
            dask.config.set({"distributed.worker.profile.enabled": False}),
            distributed.LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0",
                                     silence_logs=logging.ERROR) as cluster,
            distributed.Client(cluster) as client,
        ):
            yield client
        return
    try:
        client = distributed.Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, ValueError) as exc:
        raise ClusterUnavailable(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    with client:
        yield client


def scored_partitions(client, parts: Iterable[Partition], settings: ScanSettings,
                      in_flight: int | None = None) -> Iterator[tuple[Partition, list[ScanRow]]]:
    """(partition, rows) for every partition, in input order, scored on ``client``'s workers; at most
    ``in_flight`` partitions sent and not yet given back (default: two per worker thread, counted
    again as workers come and go)."""
    distributed = require_dask()
    run = uuid.uuid4().hex[:12]  # task keys of this scan only: two scans on one cluster never share one
    pending = iter(parts)
    queue: deque = deque()
    try:
        while True:
            limit = in_flight or IN_FLIGHT_PER_THREAD * max(1, sum(client.nthreads().values())) + 1
            while len(queue) < limit:
                part = next(pending, None)
                if part is None:
                    break
                queue.append((part, client.submit(score_file_partition, part, settings,
                                                  key=f"nayoro-scan-{run}-{part.index}")))
            if not queue:
                return
            part, future = queue.popleft()
            try:
                rows = future.result()
            except distributed.KilledWorker:
                rows = _one_by_one(client, part, settings, run, distributed.KilledWorker)
            future.release()
            yield part, rows
    finally:
        for _, future in queue:
            future.cancel()


def _one_by_one(client, part: Partition, settings: ScanSettings, run: str, killed) -> list[ScanRow]:
    """Score a partition that killed its workers one record at a time, waiting for each: a record
    that shares a worker with nothing else of this partition is blamed for its own crash only."""
    rows = []
    for record in read_partition(part):
        future = client.submit(score_records_with, settings, [record], key=f"nayoro-scan-{run}-{part.index}-{record.record}")
        try:
            rows.extend(future.result())
        except killed:
            rows.append(error_row(record, "scoring crashed the worker process; check this record by hand"))
        future.release()
    return rows
