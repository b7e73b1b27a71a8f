"""When the Prefect API goes away mid-run: the run's own work ends as it would, and the process ends in bounded time.

Prefect sends a run's events and log lines to its API from background services (``EventsWorker``,
``APILogWorker``) and drains them when the interpreter exits, each queued item retrying its connection for
seconds: with the API gone, a run that had long finished its work kept its process alive for many minutes.
:func:`drained_or_given_up` waits a bounded time for those services, then gives up what they still hold; and
the run's Prefect artifacts, a view of the report the run has already written to disk, never fail a run whose
tables are published (:func:`post_artifacts`).
"""
from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable

DRAIN_TIMEOUT_S = 15.0      # how long the end of a command waits for Prefect's event and log services


def post_artifacts(*posts: Callable[[], object], logger: logging.Logger | logging.LoggerAdapter) -> bool:
    """Call each artifact post in turn; True when all were taken. A post that fails (the API unreachable or
    refusing) is logged as a warning and the rest are not tried: the report on disk is the record."""
    for post in posts:
        try:
            post()
        except Exception as err:  # noqa: BLE001 - any failure of the API client: the artifacts are a view
            logger.warning("the Prefect API did not take the run's artifacts (%s: %s); the report on disk is "
                           "complete", type(err).__name__, err)
            return False
    return True


def services_drained(timeout_s: float = DRAIN_TIMEOUT_S) -> bool:
    """Stop Prefect's event and log services, waiting at most ``timeout_s`` seconds in all for what they hold to
    reach the API; True when it all did (or nothing was started)."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    drained = True
    for service in (APILogWorker, EventsWorker):
        _, not_done = service.drain_all(timeout=timeout_s / 2, at_exit=False)
        drained = drained and not not_done
    return drained


def drained_or_given_up(status: int, *, timeout_s: float = DRAIN_TIMEOUT_S,
                        drained: Callable[[float], bool] = services_drained) -> int:
    """``status``, once Prefect's services have drained within ``timeout_s``; where they have not (the API went
    away), say so and end the process at once with ``status``, so the interpreter's exit does not wait on every
    queued item retrying its connection."""
    if drained(timeout_s):
        return status
    print(f"warning: the Prefect API did not answer within {timeout_s:.0f} s at the end of the run; its events "
          "and log lines that had not reached it are given up (the run's tables and report are on disk)",
          file=sys.stderr)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
