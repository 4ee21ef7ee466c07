"""Engines: where the per-document analysis runs.

``local`` (in :mod:`framing.analyze`): this process, or a pool of ``--jobs`` worker processes on this
machine. ``dask``: the same per-document core, :meth:`framing.core.Core.analyse`, mapped over the
partitions of a ``dask.bag`` on a Dask distributed cluster (``--scheduler ADDRESS``), or on a
local Dask cluster of ``--jobs`` worker processes when no address is given.

The records are read here, in the client, and streamed to the cluster chunk by chunk: each chunk
(about two million characters of text) is scattered to a worker and becomes one bag partition.
At most a few chunks per worker thread are in flight, and results are taken back in input order,
so memory stays bounded and the tables equal the local engine's row for row. Dask does the
scheduling; this module only feeds it and keeps the order. Workers need framing (same version) and
its dependencies installed; they do not need to see the input files.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator

from .analyze import AnalyzeOptions, ChunkResult
from .core import Core
from .errors import OptionError

IN_FLIGHT_PER_THREAD = 2  # chunks queued per worker thread: enough to keep every worker busy
CONNECT_TIMEOUT = "20s"   # to reach the scheduler


def analyse_partition(records, core: Core) -> list[ChunkResult]:
    """One bag partition (a chunk of records) -> its :class:`framing.core.Columns`, on a Dask worker."""
    core.prepare()  # the sense helper, as asked (a per-process setting)
    return [core.analyse(list(records))]


def dask_chunk_results(chunks: Iterable[list[dict]], core: Core, options: AnalyzeOptions) -> Iterator[ChunkResult]:
    """Each chunk's results, in input order, computed on a Dask cluster."""
    try:
        import dask.bag as db
    except ImportError:
        raise OptionError("--engine dask: Dask is not installed: pip install 'framing[dask]' "
                          "(or dask[distributed]), or use --engine local") from None
    client, cluster = _connect(options)
    try:
        _check_workers(client)
        threads = max(1, sum(client.nthreads().values()))
        [shared_core] = client.scatter([core], broadcast=True, hash=False)
        pending: deque = deque()
        for chunk in chunks:
            [data] = client.scatter([chunk], hash=False)
            bag = db.from_delayed([data]).map_partitions(analyse_partition, shared_core)
            pending.append(client.compute(bag))
            while len(pending) > IN_FLIGHT_PER_THREAD * threads:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _result(future) -> ChunkResult:
    [result] = future.result()
    future.release()
    return result


def _connect(options: AnalyzeOptions):
    from distributed import Client, LocalCluster

    if options.scheduler:
        try:
            return Client(options.scheduler, timeout=CONNECT_TIMEOUT), None
        except (OSError, TimeoutError, ValueError) as exc:
            raise OptionError(f"--scheduler {options.scheduler}: cannot connect ({exc}): check the address "
                              "(tcp://HOST:8786) and that the scheduler is running") from None
    import logging
    import os

    workers = options.jobs or os.cpu_count() or 1
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                           silence_logs=logging.ERROR)
    return Client(cluster), cluster


def _check_workers(client) -> None:
    """Every worker must run this version of framing: the results would differ otherwise."""
    from . import __version__

    try:
        client.wait_for_workers(1, timeout=60)
    except TimeoutError:
        raise OptionError("--scheduler: no worker has joined the scheduler within 60 s: start workers "
                          "(dask worker ADDRESS) or check the address") from None
    versions = client.run(_framing_version)
    wrong = {w: v for w, v in versions.items() if v != __version__}
    if wrong:
        worker, version = next(iter(wrong.items()))
        raise OptionError(f"--scheduler: worker {worker} has framing {version or '(not installed)'} where this "
                          f"machine has {__version__}: install the same version on every worker")


def _framing_version() -> str:
    try:
        from framing import __version__
    except ImportError:
        return ""
    return __version__
