"""Scheduled runs: serve the curate flow on a cron schedule from a real Prefect server.

    prefect server start                                   # in another shell (or a service)
    export PREFECT_API_URL=http://127.0.0.1:4200/api
    python -m flows.serve --cron "0 3 * * *" --raw /data/raw --curated /data/curated

The process stays up, polls the server and runs the flow at each scheduled time; runs, their
logs and the data-quality artifacts show in the Prefect UI.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from flows.config import RunConfig
from flows.curate import curate

DEPLOYMENT_NAME = "curate-scheduled"


def scheduled_deployment(config: RunConfig, cron: str, timezone: str = "UTC"):
    """The curate flow as a deployment that runs ``config`` on the ``cron`` schedule."""
    from prefect.client.schemas.schedules import CronSchedule

    return curate.to_deployment(
        name=DEPLOYMENT_NAME,
        schedule=CronSchedule(cron=cron, timezone=timezone),
        parameters={"config": config.model_dump(mode="json")},
        description="Curate raw texts into the statements dataset on a schedule.",
        tags=["curation"],
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m flows.serve", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cron", required=True, help='cron expression, e.g. "0 3 * * *"')
    ap.add_argument("--timezone", default="UTC")
    ap.add_argument("--raw", type=Path, default=RunConfig().raw_dir)
    ap.add_argument("--curated", type=Path, default=RunConfig().curated_dir)
    a = ap.parse_args(argv)
    if not os.environ.get("PREFECT_API_URL"):
        print("error: set PREFECT_API_URL to a running Prefect server (prefect server start)", file=sys.stderr)
        return 2
    from prefect import serve

    config = RunConfig(raw_dir=a.raw.resolve(), curated_dir=a.curated.resolve())
    serve(scheduled_deployment(config, a.cron, a.timezone))
    return 0


if __name__ == "__main__":
    sys.exit(main())
