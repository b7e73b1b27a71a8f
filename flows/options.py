"""The command-line options of a run, shared by ``python -m flows.curate`` and ``python -m flows.serve``.

Every option's help names its default; whole numbers and seconds are checked as they are parsed, and
whatever else ``RunConfig`` refuses is caught when it is built. A bad value is one line on stderr, ``error: ...``, and
exit status 2, before anything starts.
"""
from __future__ import annotations

import argparse
import math
import typing

from pydantic import ValidationError

from flows import io
from flows.config import RunConfig, location

EXIT_USAGE = 2  # bad arguments


class UsageError(ValueError):
    """A bad command-line argument; its message is the one line the command prints after ``error: ``."""


class Parser(argparse.ArgumentParser):
    """An argument parser that raises ``UsageError`` instead of printing its usage and exiting (``--help`` still
    prints and exits 0); the description is shown as written."""

    def __init__(self, **kwargs):
        super().__init__(formatter_class=argparse.RawDescriptionHelpFormatter, **kwargs)

    def error(self, message: str):
        raise UsageError(f"{message} ({self.prog} --help lists the options)")


def positive_int(text: str) -> int:
    """An argparse type: a whole number above zero."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be above zero, not {value}")
    return value


def positive_seconds(text: str) -> float:
    """An argparse type: a finite number of seconds above zero (``60``, ``2.5``)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"must be a finite number of seconds above zero, not {text}")
    return value


def add_run_options(parser: argparse.ArgumentParser) -> None:
    """The options a RunConfig is made of: folders, batching, task runner, limits."""
    d = RunConfig()
    add = parser.add_argument
    add("--raw", type=location, default=d.raw_dir,
        help="folder of raw texts, read only, or s3://bucket/prefix (default: %(default)s)")
    add("--curated", type=location, default=d.curated_dir,
        help="folder the tables and reports are published to, or s3://bucket/prefix (default: %(default)s)")
    add("--pattern", default=d.pattern, help="glob of the raw files inside --raw; ** recurses (default: %(default)s)")
    add("--batch-size", type=positive_int, default=d.batch_size, metavar="N",
        help="raw files per Prefect task (default: %(default)s)")
    add("--runner", choices=typing.get_args(RunConfig.model_fields["runner"].annotation), default=d.runner,
        help="task runner of the batches: a thread pool in this process, worker processes on this machine "
             "(faster for a corpus over about 1 MB when the cores are free), or Dask workers (default: %(default)s)")
    add("--workers", type=positive_int, default=d.max_workers, metavar="N",
        help="worker processes, threads, or workers of the local Dask cluster (default: %(default)s)")
    add("--dask-address", default=d.dask_address, metavar="ADDRESS",
        help="address of a running Dask scheduler to use with --runner dask (default: a local cluster)")
    add("--no-data-docs", action="store_true", help="skip building the Great Expectations Data Docs site "
                                                   "(default: build it)")
    add("--keep-snapshots", type=positive_int, default=d.keep_snapshots, metavar="N",
        help="published versions kept in CURATED/snapshots/, the current one included (default: %(default)s)")
    add("--max-file-bytes", type=positive_int, default=d.max_file_bytes, metavar="N",
        help="a raw file larger than N bytes is rejected as too_large without being read "
             "(default: %(default)s, 20 MiB)")
    add("--incremental", action="store_true",
        help="reuse the current version's rows of the raw files unchanged since it (same bytes, same share of the "
             "corpus boilerplate, same code) and process only new and changed ones; corpus-level steps still run "
             "over all documents (default: process every file)")
    add("--file-timeout", type=positive_seconds, default=d.file_timeout_s, metavar="SECONDS",
        help="time budget of one raw file, read to attributed; a file over it is rejected as timeout and the "
             "run goes on (default: %(default)s)")
    add("--run-timeout", type=positive_seconds, default=d.run_timeout_s, metavar="SECONDS",
        help="time budget of the whole run (the Prefect flow's timeout): a run over it publishes nothing and the "
             "last version stays current (default: none)")


def run_config(args: argparse.Namespace, *, absolute_paths: bool = False) -> RunConfig:
    """The RunConfig the parsed options ask for (folders made absolute when asked); ``UsageError`` names the
    field and the rule when RunConfig refuses a value."""
    raw, curated = (io.resolved(args.raw), io.resolved(args.curated)) if absolute_paths else (args.raw, args.curated)
    try:
        return RunConfig(raw_dir=raw, curated_dir=curated, pattern=args.pattern, batch_size=args.batch_size,
                         runner=args.runner, max_workers=args.workers, dask_address=args.dask_address,
                         build_data_docs=not args.no_data_docs, keep_snapshots=args.keep_snapshots,
                         max_file_bytes=args.max_file_bytes, file_timeout_s=args.file_timeout,
                         incremental=args.incremental, run_timeout_s=args.run_timeout)
    except ValidationError as err:
        raise UsageError(validation_message(err)) from None


def validation_message(err: ValidationError) -> str:
    """A Pydantic validation error as one line: ``field: message; field: message``."""
    parts = []
    for problem in err.errors():
        field = ".".join(str(p) for p in problem["loc"]) or err.title
        parts.append(f"{field}: {problem['msg'].removeprefix('Value error, ')}")
    return "; ".join(parts)
