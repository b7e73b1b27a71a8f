"""Scheduled runs: serve the curate flow on a cron schedule from a real Prefect server.

    prefect server start                                   # in another shell (or a service)
    prefect config set PREFECT_API_URL=http://127.0.0.1:4200/api    # or export PREFECT_API_URL=...
    python -m flows.serve --cron "0 3 * * *" --raw /data/raw --curated /data/curated

The process stays up, polls the server and runs the flow at each scheduled time, one run at a time (the
deployment's concurrency limit is 1: a run due while one is running waits for it); runs, their logs and the
data-quality artifacts show in the Prefect UI. The run options (--runner, --workers, --batch-size, ...) are
those of python -m flows.curate; they are fixed when serving starts.
"""
from __future__ import annotations

import sys

from flows import options
from flows.config import RunConfig
from flows.curate import curate_with_runner

DEPLOYMENT_NAME = "curate-scheduled"
CONCURRENCY_LIMIT = 1  # two runs of the deployment never overlap (they would also race for the folder's lock)


def deployment_options(config: RunConfig, cron: str, timezone: str = "UTC") -> dict:
    """What the deployment is made of: name, cron schedule, concurrency limit, the run's config as its
    parameter. Raises ``options.UsageError`` for a cron expression or time zone Prefect refuses."""
    from prefect.client.schemas.schedules import CronSchedule
    from pydantic import ValidationError

    try:
        schedule = CronSchedule(cron=cron, timezone=timezone)
    except ValidationError as err:
        raise options.UsageError(options.validation_message(err)) from None
    return {"name": DEPLOYMENT_NAME, "schedule": schedule, "concurrency_limit": CONCURRENCY_LIMIT,
            "parameters": {"config": config.model_dump(mode="json")},
            "description": "Curate raw texts into the statements dataset on a schedule.", "tags": ["curation"]}


def scheduled_deployment(config: RunConfig, cron: str, timezone: str = "UTC"):
    """The curate flow, with the config's task runner, as a deployment that runs ``config`` on the ``cron``
    schedule, one run at a time (what ``main`` serves; no server needed to build it)."""
    return curate_with_runner(config).to_deployment(**deployment_options(config, cron, timezone))


def api_url() -> str | None:
    """The Prefect API the runs report to: PREFECT_API_URL as Prefect's settings resolve it (the environment,
    then the active profile), or None (Prefect would start a temporary server, which runs no schedules)."""
    from prefect.settings import PREFECT_API_URL

    return PREFECT_API_URL.value() or None


def argument_parser() -> options.Parser:
    parser = options.Parser(prog="python -m flows.serve", description=__doc__)
    parser.add_argument("--cron", required=True, help='cron expression of the run times, e.g. "0 3 * * *" '
                                                      "(required)")
    parser.add_argument("--timezone", default="UTC",
                        help="IANA time zone the cron times are in, e.g. Europe/Berlin (default: %(default)s)")
    options.add_run_options(parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    """The command line: serves until stopped (exit 0); exit 2 for bad arguments or no Prefect server."""
    try:
        args = argument_parser().parse_args(argv)
        config = options.run_config(args, absolute_paths=True)
        served = deployment_options(config, args.cron, args.timezone)
    except options.UsageError as err:
        print(f"error: {err}", file=sys.stderr)
        return options.EXIT_USAGE
    if not api_url():
        print("error: no Prefect server: set PREFECT_API_URL in the environment or the active profile "
              "(prefect config set PREFECT_API_URL=http://127.0.0.1:4200/api) to a running one "
              "(prefect server start)", file=sys.stderr)
        return options.EXIT_USAGE
    # Flow.serve hands the flow object itself to the runner, so each run gets this task runner (a deployment
    # loaded from its entrypoint would get the module's default); its global_limit is the deployment's limit.
    limit = served.pop("concurrency_limit")
    curate_with_runner(config).serve(global_limit=limit, **served)
    return 0


if __name__ == "__main__":
    sys.exit(main())
