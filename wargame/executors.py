"""Where a study's chunks of games run: here, in local worker processes, or on a Dask cluster.

Every chunk is a pure function of its arguments (campaign text, seed, index range) and returns
whole-number tallies, so the figures do not depend on where or in which order the chunks ran.
Local processes are the default; Dask is the optional `cluster` extra
(`pip install 'wargame[cluster]'`): `--scheduler tcp://HOST:PORT` sends the chunks to a running
Dask scheduler (its workers need this same wargame installed), `--scheduler local:N` starts a
LocalCluster of N worker processes on this machine.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

from .problems import Problem, ProblemsFound

INSTALL_HINT = "pip install 'wargame[cluster]'"
CONNECT_TIMEOUT = 10
"""Seconds to wait for a remote scheduler to answer before saying it cannot be reached."""


MIN_GAMES_FOR_WORKERS = 100
"""Below this many games a study runs in this process: starting workers (about 0.2 s) would cost more than it saves."""
MAX_DEFAULT_JOBS = 8


def usable_cores() -> int:
    """The processors this process may run on (a container or `taskset` may allow fewer than the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS and Windows have no affinity call
        return os.cpu_count() or 1


def default_jobs(games: int, cores: int | None = None) -> int:
    """Worker processes when `--jobs` is not given: one per usable core (at most 8) for a study of
    `games` games or more than MIN_GAMES_FOR_WORKERS, else this process alone. The figures never
    depend on it."""
    if games < MIN_GAMES_FOR_WORKERS:
        return 1
    return max(1, min(MAX_DEFAULT_JOBS, usable_cores() if cores is None else cores))


class SchedulerError(ValueError):
    """A --scheduler that cannot be used: the message says why and what to do."""


def check_scheduler(scheduler: str) -> None:
    """Raise SchedulerError if `scheduler` is not `tcp://HOST:PORT` or `local:N`, or Dask is missing."""
    if scheduler.startswith("local:"):
        count = scheduler.removeprefix("local:")
        if not count.isdigit() or not 1 <= int(count) <= 64:
            raise SchedulerError(f"--scheduler {scheduler}: write local:N with N the number of workers, 1 to 64")
    elif not scheduler.startswith(("tcp://", "tls://")) or ":" not in scheduler.split("://", 1)[1]:
        raise SchedulerError(f"--scheduler {scheduler}: write tcp://HOST:PORT (a Dask scheduler) or local:N (N workers here)")
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise SchedulerError(f"--scheduler needs Dask distributed, which is not installed: {INSTALL_HINT}") from None


@contextmanager
def chunk_map(jobs: int, scheduler: str | None = None) -> Iterator[Callable[[Callable, list], Iterable]]:
    """A `map(function, chunks)` that yields results in the chunks' order, and closes what it opened.

    jobs 1 and no scheduler: in this process. jobs > 1: that many local worker processes.
    A scheduler: the Dask cluster it names (`check_scheduler` it first).
    """
    if scheduler:
        with _dask_client(scheduler) as client:
            executor = client.get_executor()
            yield executor.map
    elif jobs == 1:
        yield map
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            yield pool.map


@contextmanager
def _dask_client(scheduler: str):
    from distributed import Client, LocalCluster

    if scheduler.startswith("local:"):
        # One thread a worker: the games are pure Python, so more threads would only share a core.
        cluster = LocalCluster(
            n_workers=int(scheduler.removeprefix("local:")), threads_per_worker=1, processes=True,
            dashboard_address=None, silence_logs=logging.ERROR,
        )
        try:
            with Client(cluster) as client:
                yield client
        finally:
            cluster.close()
        return
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as exc:
        raise ProblemsFound([Problem(
            f"--scheduler {scheduler}",
            f"cannot reach a Dask scheduler there ({exc}); start one with `dask scheduler`, and workers with"
            f" `dask worker {scheduler}` on machines where wargame is installed",
        )]) from None
    with client:
        yield client
