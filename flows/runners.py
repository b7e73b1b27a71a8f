"""The Prefect task runner a run's batches go to, and what each worker process loads once.

- ``threads`` (the default): a thread pool in the flow's process. Batches share one spaCy pipeline, and the
  GIL lets one of them run at a time: more threads do not make a run faster (see README, "Runners").
- ``processes``: Prefect's ``ProcessPoolTaskRunner`` - ``max_workers`` worker processes on this machine
  (started with 'spawn') that report to the flow's Prefect server (``FlowServerProcessPool``); each loads
  the spaCy pipeline, the lexicon and the cue classifier once, in ``warm_worker``, before its first batch. Task parameters and results travel by cloudpickle (paths,
  the lineage, the corpus boilerplate lines; a batch returns its row counts, its rows go to Parquet parts).
  Prefect forwards the workers' logs and events to the flow's process.
- ``dask``: prefect-dask's ``DaskTaskRunner``, on a local cluster of ``max_workers`` worker processes (one
  thread each; each worker imports this module as a preload and runs ``warm_worker``), or on the
  scheduler at ``dask_address``, whose workers load what they need on their first batch.
"""
from __future__ import annotations

import contextvars
import logging
import os

from prefect.client.orchestration import get_client
from prefect.settings import PREFECT_API_URL
from prefect.task_runners import ProcessPoolTaskRunner

from flows.batches import exit_with_parent, warm_worker  # noqa: F401 - the workers' warm-up, named here too
from flows.config import RunConfig


def dask_setup(worker) -> None:
    """Dask's preload hook: a local cluster's worker process runs ``warm_worker`` as it starts."""
    warm_worker()


class FlowServerProcessPool(ProcessPoolTaskRunner):
    """Prefect's process pool whose workers report to the flow's Prefect server.

    With no ``PREFECT_API_URL`` the flow runs on a temporary server that only its own process knows, and each
    worker process would start a temporary server of its own (seconds of CPU each, its task runs and logs
    out of the flow run's sight). So while the pool is open, the flow's server address is in the
    environment the workers inherit when they start (and that Prefect passes with every task)."""

    def __enter__(self):
        self._handed_api_url = None
        if not PREFECT_API_URL.value() and "PREFECT_API_URL" not in os.environ:
            # the flow run's client (or the temporary server's singleton): its address, without closing it
            self._handed_api_url = os.environ["PREFECT_API_URL"] = str(get_client(sync_client=True).api_url)
        self._flow_context = contextvars.copy_context()
        return super().__enter__()

    def _forward_subprocess_messages(self) -> None:
        """Prefect's thread that forwards the workers' events and logs, run in the flow's context (its settings name
        the flow's server): in a bare thread it read settings with no API, and started a second temporary server
        of its own (~230 MiB, seconds of CPU) that the workers' events then went to, out of the flow run's sight."""
        return self._flow_context.run(super()._forward_subprocess_messages)

    def __exit__(self, *exc_info):
        try:
            super().__exit__(*exc_info)
        finally:
            handed = getattr(self, "_handed_api_url", None)
            if handed and os.environ.get("PREFECT_API_URL") == handed:
                del os.environ["PREFECT_API_URL"]


def task_runner(config: RunConfig):
    """The Prefect task runner ``config.runner`` names, with ``config.max_workers`` workers."""
    if config.runner == "processes":
        return FlowServerProcessPool(max_workers=config.max_workers, initializer=warm_worker)
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
