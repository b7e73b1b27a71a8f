"""The Prefect task runner a run's batches go to, and what each worker process loads once.

- ``threads`` (the default): a thread pool in the flow's process. Batches share one spaCy pipeline, and the
  GIL lets one of them run at a time: more threads do not make a run faster (see README, "Runners").
- ``processes``: Prefect's ``ProcessPoolTaskRunner`` - ``max_workers`` worker processes on this
  machine (started with 'spawn'); each loads the spaCy pipeline, the lexicon and the cue classifier once,
  in ``warm_worker``, before its first batch. Task parameters and results travel by cloudpickle (paths,
  the lineage, the corpus boilerplate lines; a batch returns its row counts, its rows go to Parquet parts).
  Prefect forwards the workers' logs and events to the flow's process.
- ``dask``: prefect-dask's ``DaskTaskRunner``, on a local cluster of ``max_workers`` worker processes (one
  thread each; each worker imports this module as a preload and runs ``warm_worker``), or on the
  scheduler at ``dask_address``, whose workers load what they need on their first batch.
"""
from __future__ import annotations

import logging
import signal

from flows.config import RunConfig

def warm_worker() -> None:
    """Load, once in a worker process, what every batch needs: the lexicon and the cue classifier (read when
    flows.steps is imported), spaCy's English pipeline and the language identifier (cached per process).

    A worker ignores SIGINT: Ctrl-C reaches the whole process group, and the flow's process alone decides
    how the run stops (its batches stop before their next raw file; see ``flows.curate``)."""
    from flows.steps import assemble, clean, parse  # noqa: F401 - importing loads the lexicon's data

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parse.english_pipeline()
    clean.language("The language identifier loads its model on its first call.")


def dask_setup(worker) -> None:
    """Dask's preload hook: a local cluster's worker process runs ``warm_worker`` as it starts."""
    warm_worker()


def task_runner(config: RunConfig):
    """The Prefect task runner ``config.runner`` names, with ``config.max_workers`` workers."""
    if config.runner == "processes":
        from prefect.task_runners import ProcessPoolTaskRunner

        return ProcessPoolTaskRunner(max_workers=config.max_workers, initializer=warm_worker)
    if config.runner == "dask":
        from prefect_dask import DaskTaskRunner

        if config.dask_address:
            return DaskTaskRunner(address=config.dask_address)
        # worker processes, one thread each; a local cluster's workers log connection noise at shutdown,
        # so only critical messages are kept
        return DaskTaskRunner(cluster_kwargs={"n_workers": config.max_workers, "threads_per_worker": 1,
                                              "processes": True, "preload": [__name__],
                                              "silence_logs": logging.CRITICAL})
    from prefect.task_runners import ThreadPoolTaskRunner

    return ThreadPoolTaskRunner(max_workers=config.max_workers)
