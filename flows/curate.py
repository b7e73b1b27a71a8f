"""The curation flow: thin Prefect tasks over batches of raw files, wiring the pure steps.

    python -m flows.curate --raw raw/ --curated curated/

Exit status: 0 published; 1 the run failed (nothing published); 2 bad arguments; 3 another run holds the
curated folder's lock; 4 the run published its version, then failed (the Prefect API went away, say: the tables
are published, the orchestration's record of the run may be incomplete); 130 or 143 (128 + the signal's number)
SIGINT or SIGTERM ended it: the run stopped, its staging folder was removed, the lock released, and
reports/history.jsonl records it as interrupted.
"""
# No `from __future__ import annotations` here: flows.serve hands the runner a cloudpickled copy of the flow,
# whose function keeps only the globals its body names, so the annotation `RunConfig` must be the class itself.
import asyncio
import datetime as dt
import sys
import time
import uuid
from pathlib import Path

if __name__ == "__main__" and not {"-h", "--help"} & set(sys.argv[1:]):
    # the command line: a first log line at once, and Prefect's temporary server starting beside the ~5 s of
    # imports below (flows/tempserver.py)
    print(f"{time.strftime('%H:%M:%S')} | INFO    | curate - starting: python -m flows.curate {' '.join(sys.argv[1:])}",
          file=sys.stderr, flush=True)
    from flows import tempserver

    if (_server := tempserver.start_unless_configured()) is not None:
        print(f"{time.strftime('%H:%M:%S')} | INFO    | curate - starting Prefect's temporary server on "
              f"{_server.api_url} (stopped when this command ends)", file=sys.stderr, flush=True)

from prefect import flow, get_run_logger, task  # noqa: E402 - after the command line's first log line
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.futures import PrefectConcurrentFuture
from prefect.tasks import exponential_backoff

from flows import __version__, apiloss, incremental, io, memory, options, runners, signals, streamed, tempserver
from flows.batches import batched, staged_batch
from flows.config import RunConfig
from flows.progress import Progress
from flows.progress import display as progress_display
from flows.quality.results import QualityResult
from flows.steps import assemble
from schemas import dictionary
from schemas.tables import TABLES, arrow_schema

DATA_TABLES = ("documents", "paragraphs", "statements", "speakers", "document_speakers", "removed_lines")
EXIT_FAILED = 1  # the command line's exit status when a run failed (nothing published)
EXIT_LOCKED = 3  # the command line's exit status when another run holds the curated folder's lock
EXIT_PUBLISHED_THEN_FAILED = 4  # the run published its version, then failed (e.g. the Prefect API went away)


class QualityGateFailed(RuntimeError):
    """Critical expectations failed: the new tables were not published."""


def _relative(path: Path | str, root: Path | str) -> str:
    return io.relative_source(path, root)


@task(name="profile-corpus")
def profile_corpus(paths: list[Path], raw_dir: Path, min_docs: int, max_file_bytes: int) -> incremental.CorpusProfile:
    """Lines repeated across many raw files (site furniture), learned from the whole corpus, and each raw file's
    size, mtime, sha256 and share of those lines (what an incremental run compares)."""
    return incremental.corpus_profile(paths, raw_dir, min_docs=min_docs, max_file_bytes=max_file_bytes)


@task(name="reuse-unchanged-files")
def reuse_unchanged_files(profile: incremental.CorpusProfile, curated_dir: Path, staging: Path, run_id: str,
                          fingerprint: str) -> incremental.Reuse:
    """Stage the current version's rows of the raw files unchanged since (same bytes, same share of the corpus
    boilerplate, same code) as one more batch part; the batches then process only the other files."""
    return incremental.staged_reuse(profile, curated_dir, staging / "parts", run_id, fingerprint)


def transient_io_error(task, task_run, state) -> bool:
    """Prefect's ``retry_condition_fn`` for the tasks that only read and write files they own: retry an
    ``OSError`` (a full disk freed, a network filesystem or object store hiccup), never the pipeline's own
    verdict on a raw file nor an error no retry can mend (a missing or forbidden path)."""
    err = state.data if isinstance(state.data, BaseException) else None
    permanent = (io.UnusableSourceError, io.RejectedSourceError, FileNotFoundError, PermissionError,
                 IsADirectoryError, NotADirectoryError)
    return isinstance(err, OSError) and not isinstance(err, permanent)


# Tasks whose work can run again from the start with the same result (they write whole files of their own
# atomically): two retries after 2 and 4 seconds (+-50 %) on a transient I/O error. Publishing (one switch)
# and the report (it appends to history) are not retried; a failed run leaves the last version current.
IO_RETRIES = {"retries": 2, "retry_delay_seconds": exponential_backoff(backoff_factor=2), "retry_jitter_factor": 0.5,
              "retry_condition_fn": transient_io_error}


@task(name="curate-batch", **IO_RETRIES)
def curate_batch(batch_no: int, paths: list[Path], raw_dir: Path, staging: Path,
                 lineage: assemble.Lineage, boilerplate: frozenset[str], max_file_bytes: int,
                 file_timeout_s: float) -> dict:
    """Read, clean, segment, attribute and validate one batch; stage its rows as Parquet parts
    (``flows.batches.staged_batch``, which the worker-scaling benchmark runs too)."""
    return staged_batch(batch_no, paths, raw_dir, staging, lineage, boilerplate, max_file_bytes, file_timeout_s)


@task(name="assemble-tables", **IO_RETRIES)
def assemble_tables(staging: Path, order: list[str], build: incremental.Build) -> tuple[dict[str, Path], dict]:
    """Join the batch parts (and any reused rows) into one staged file per table, rows in the raw files' order
    ``order``; keep them as they are for the snapshot's cache (``staging/cache``); then mark duplicate documents,
    merge the speakers of all documents into the corpus-wide speakers table and count recurring statements
    (flows/streamed.py: the tables read and written some rows at a time, the corpus-wide steps on narrow columns).

    Returns the staged tables and what the manifest says of the build (``incremental.Build.manifest``)."""
    return streamed.assembled_tables(staging, order, build)


@task(name="check-quality")
def check_quality(staged: dict[str, Path], config: RunConfig, files_read: int, reports_dir: Path, today: dt.date):
    """Great Expectations suites derived from the schemas plus cross-table rules, on the staged tables (read a lot
    of rows at a time, never whole)."""
    docs_dir = reports_dir / "data_docs" if config.build_data_docs else None
    return streamed.checked_result(staged, thresholds=config.quality, files_read=files_read, today=today,
                                   data_docs_dir=docs_dir)


@task(name="quarantine-documents")
def quarantine_documents(staged: dict[str, Path], checked: QualityResult, config: RunConfig, files_read: int,
                         staging: Path, today: dt.date) -> tuple[dict[str, Path], QualityResult, dict]:
    """Move documents whose content fails a row-level check to rejections; stage what is left, each table
    written a lot of rows at a time (``staging/quarantined``).

    Returns the paths of the tables to publish, the result that gates them, and a summary: rows per
    table to publish and the raw files quarantined by each check."""
    return streamed.quarantined_tables(staged, checked, thresholds=config.quality, files_read=files_read, today=today,
                                       out_dir=staging / "quarantined")


@task(name="write-report")
def write_report(result, tables_at: dict[str, Path], run: dict, reports_dir: Path) -> Path:
    """The one-page summary (with history across runs) and the Prefect artifacts (which the API may refuse:
    :func:`apiloss.post_artifacts`).

    Called after the switch for a published run, so history.jsonl never says ``published`` before it was. Reads
    only the columns the figures need (``quality.FIGURE_COLUMNS``), not whole tables."""
    from flows import quality

    tables = {name: io.read_parquet(path, columns=list(quality.FIGURE_COLUMNS.get(name, ())))
              for name, path in tables_at.items()}
    history_path = reports_dir / "history.jsonl"
    io.append_history(quality.history_entry(result, tables, run), history_path)
    href = None
    if result.data_docs_index:
        href = Path(result.data_docs_index).relative_to(reports_dir.resolve()).as_posix()
    page = quality.summary_html(result, tables, run=run, history=io.read_history(history_path),
                                data_docs_href=href)
    index = io.write_text_atomic(page, reports_dir / "index.html")
    io.write_text_atomic(page, reports_dir / "runs" / f"{run['run_id']}.html")
    apiloss.post_artifacts(
        lambda: create_markdown_artifact(key="curation-quality-summary", markdown=quality.markdown_summary(
            result, tables, run), description=f"Data quality of run {run['run_id']}"),
        lambda: create_table_artifact(key="curation-quality-checks", table=quality.summary_rows(result),
                                      description=f"Expectations of run {run['run_id']}"),
        logger=get_run_logger())
    return index


@task(name="publish-snapshot")
def publish_snapshot(staged: dict[str, Path], curated_dir: Path, staging: Path, run_id: str,
                     keep: int, built: dict, target: Path | str | None = None) -> dict[str, Path]:
    """Publish all tables as one set: curated/snapshots/<run_id>/, then one atomic switch of curated/current;
    the data dictionary (README.md) and DuckDB views (views.sql) go into the snapshot and beside the stable paths,
    the per-file rows into its ``incremental/`` folder and ``built`` (how it was built) into its manifest.
    With an ``s3://`` ``target``, ``curated_dir`` is the run's local working folder and the snapshot is then
    uploaded there, the pointer object ``current`` written last.

    Returns the published tables' paths inside the new (local) snapshot."""
    cache = {f"{incremental.CACHE_DIR}/{name}.parquet": staging / "cache" / f"{name}.parquet"
             for name in incremental.CACHED_TABLES}
    snapshot, pruned = io.published_snapshot(staged, curated_dir, run_id=run_id, pipeline_version=__version__,
                                             build_dir=staging / "snapshot", keep=keep, docs=dictionary.curated_docs(),
                                             extras=cache, manifest_extra=built)
    if io.is_object_store(target):
        uri, pruned = io.published_object_snapshot(snapshot, target, keep=keep)
        get_run_logger().info("published %s", uri)
    if pruned:
        get_run_logger().info("deleted old snapshots: %s", ", ".join(Path(p).name for p in pruned))
    return {name: snapshot / f"{name}.parquet" for name in staged}


@task(name="keep-failed-run-rejections")
def keep_failed_run_rejections(staged: dict[str, Path], reports_dir: Path, run_id: str) -> dict[str, Path]:
    """A failed run's rejections go beside its report; the staged tables with that path for rejections."""
    return {**staged, "rejections": io.kept_failed_run_rejections(staged["rejections"], reports_dir, run_id)}


def _staged_tables(paths: list[Path], config: RunConfig, staging: Path,
                   lineage: assemble.Lineage) -> tuple[dict[str, Path], dict]:
    """The run's tables staged, corpus-level steps done: the per-file rows of unchanged raw files reused when
    the run is incremental, the others made by the batches. Returns them and the manifest's ``incremental``."""
    raw_dir = io.resolved(config.raw_dir)
    profile = profile_corpus(paths, raw_dir, config.min_boilerplate_docs, config.max_file_bytes)
    fingerprint, reuse = incremental.code_fingerprint(), incremental.Reuse()
    if config.incremental and io.is_object_store(config.curated_dir):
        get_run_logger().info("incremental runs reuse rows from a local curated folder only: full run")
    elif config.incremental:
        reuse = reuse_unchanged_files(profile, io.resolved(config.curated_dir), staging, lineage.run_id, fingerprint)
        get_run_logger().info("incremental run on %s: %s", reuse.base_run_id, reuse.note)
    order = [incremental.source_path(p, raw_dir) for p in paths]
    todo = [p for p, rel in zip(paths, order) if rel not in reuse.paths]
    started, batches = time.perf_counter(), batched(todo, batch_size(len(todo), config))
    futures = [curate_batch.submit(i, batch, raw_dir, staging, lineage, profile.boilerplate, config.max_file_bytes,
                                   config.file_timeout_s)
               for i, batch in enumerate(batches)]
    try:
        _finished_batches(futures, len(todo))
    except BaseException:  # a signal, or a failed batch: no batch may write into staging once it is removed
        _stop_batches(futures, staging)
        raise
    get_run_logger().info("%d batches of up to %d files on %d %s in %.1f s (%d files reused)", len(batches),
                          len(batches[0]) if batches else 0, config.max_workers, config.runner,
                          time.perf_counter() - started, len(reuse.paths))
    memory.return_freed_memory()   # what the batches freed (on threads, in this process) before the corpus steps
    return assemble_tables(staging, order, incremental.Build(profile, reuse, fingerprint, config.incremental))


def _checked_tables(paths: list[Path], config: RunConfig, staging: Path, lineage: assemble.Lineage,
                    reports_dir: Path) -> tuple[dict[str, Path], QualityResult, dict | None]:
    """Stage, check and quarantine the run's tables: the staged tables, the result that gates them, and
    the summary of what passing would publish (None after a systemic failure; else with ``built``, what the
    manifest says of the build)."""
    staged, built = _staged_tables(paths, config, staging, lineage)
    today = dt.date.today()
    result = check_quality(staged, config, len(paths), reports_dir, today)
    memory.return_freed_memory()   # what the checks freed, before the quarantine and the report read tables again
    if not result.passed:  # a systemic failure: nothing to quarantine, nothing to publish
        return staged, result, None
    staged, result, summary = quarantine_documents(staged, result, config, len(paths), staging, today)
    memory.return_freed_memory()
    for check, files in summary["quarantined"].items():
        get_run_logger().warning("quarantined %d documents by %s: %s", len(files), check, ", ".join(files))
    return staged, result, {**summary, "built": built}


def _finished_batches(futures: list, files_total: int) -> list[dict]:
    """The batches' summaries, waited for in order; files done of the total and MB/s shown as each finishes: a
    bar on a terminal, else log lines every ``Progress.every_s`` seconds and once all are done."""
    progress, batches = Progress(files_total=files_total, started=time.monotonic()), []
    with progress_display(files_total, get_run_logger()) as shown:   # a bar on a terminal, else log lines
        for future in futures:
            batches.append(future.result())
            progress = shown.shown(progress.advanced(batches[-1]["files"], batches[-1]["bytes"], time.monotonic()))
    return batches


def batch_size(files: int, config: RunConfig, *, batches_per_worker: int = 2) -> int:
    """Raw files per batch: ``config.batch_size``, or fewer when that would leave a worker idle - a run of
    few files is cut into about ``batches_per_worker`` batches per worker, so the workers share the work
    (more would cost more: a task in a worker process has about half a second of Prefect's overhead). The
    output does not depend on it (ids name content, never a batch). Pure."""
    shared = -(-files // (config.max_workers * batches_per_worker))
    return max(1, min(config.batch_size, shared))


def _stop_batches(futures: list, staging: Path) -> None:
    """Stop a run's batches, and wait for those running: a batch not started never starts (or stops at once);
    one running, in a thread or a worker process, stops before its next raw file. (A batch running on a
    Dask worker is not waited for: it stops before its next file or when the task runner closes its
    cluster.)"""
    io.request_stop(staging)
    for future in futures:
        future.wrapped_future.cancel()
    for future in futures:
        if _waitable(future):
            try:
                future.wait()
            except Exception:  # noqa: BLE001 - cancelled or failed: either way it is over
                pass


def _waitable(future) -> bool:
    """Whether ``future`` runs in this process's threads or in a worker process of this machine (a Prefect
    concurrent future), not on a Dask worker."""
    return isinstance(future, PrefectConcurrentFuture)


def ended_run_entry(run: dict, err: BaseException, seconds: float) -> dict:
    """The history entry of a run that a signal (status ``interrupted``, the signal's name) or an error (status
    ``crashed``, the error's type and message) ended. Pure."""
    signum = signals.interrupting_signal(err)
    entry = {**run, "passed": False, "seconds": round(seconds, 2)}
    if signum is not None:
        return {**entry, "status": "interrupted", "signal": signum.name}
    message = str(err) or ("cancelled: the run's time budget (run_timeout_s) ran out, or Prefect cancelled the run"
                           if isinstance(err, asyncio.CancelledError) else "")
    return {**entry, "status": "crashed", "error_type": type(err).__name__, "error": message}


def _record_ended_run(run: dict, err: BaseException, seconds: float, history_path: Path) -> None:
    """Append the history entry of a run that ``err`` ended, unless the run wrote its own (a failed quality
    gate writes its report first). Never raises: the error that ended the run is the one to report."""
    logger = get_run_logger()
    try:
        if any(h.get("run_id") == run["run_id"] for h in io.read_history(history_path)):
            return
        entry = ended_run_entry(run, err, seconds)
        io.append_history(entry, history_path)
        logger.warning("run %s %s: %s", run["run_id"], entry["status"],
                       entry.get("signal") or f"{entry['error_type']}: {entry['error']}")
    except Exception as record_err:  # noqa: BLE001
        logger.error("run %s: could not record its end in %s: %s", run["run_id"], history_path, record_err)


def within_budget(run_timeout_s: float | None, started: float, now: float) -> None:
    """Raise ``TimeoutError`` when the run that started at ``started`` (``time.perf_counter``) has spent its time
    budget by ``now``. Prefect's timeout arrives as a signal whose exception is lost where it lands in a garbage
    collection's callback or a finalizer (Python reports it as unraisable and goes on); this check before
    publishing keeps a run over its budget from publishing all the same."""
    if run_timeout_s is not None and now - started > run_timeout_s:
        raise TimeoutError(f"the run timed out: its time budget of {run_timeout_s:g} s ran out after "
                           f"{now - started:.1f} s, before publishing; nothing was published")


def _published_run(paths: list[Path], config: RunConfig, run: dict, staging: Path, curated_dir: Path,
                   started_run: float) -> dict:
    """One run under the folder's lock: stage and check, then publish the whole set or nothing - nothing once the
    run's time budget is spent (``within_budget``, counted from ``started_run``).

    ``curated_dir`` is the local folder the run works in (``io.curated_workspace``)."""
    reports_dir = curated_dir / "reports"
    started = time.perf_counter()
    lineage = assemble.Lineage(run_id=run["run_id"], pipeline_version=__version__)
    staged, result, summary = _checked_tables(paths, config, staging, lineage, reports_dir)
    run = {**run, "status": "published" if result.passed else "failed",
           "seconds": round(time.perf_counter() - started, 2)}
    if not result.passed:
        staged = keep_failed_run_rejections(staged, reports_dir, run["run_id"])
        kept = staged["rejections"]
        write_report(result, staged, {**run, "rejections_path": _relative(kept, curated_dir)}, reports_dir)
        failed = ", ".join(sorted({c.name for c in result.critical_failures}))
        raise QualityGateFailed(f"critical expectations failed, tables not published: {failed} "
                                f"(this run's rejections: {kept})")
    within_budget(config.run_timeout_s, started_run, time.perf_counter())
    published = publish_snapshot(staged, curated_dir, staging, run["run_id"], config.keep_snapshots, summary["built"],
                                 config.curated_dir)
    write_report(result, published, run, reports_dir)
    built = summary["built"]["incremental"]
    return {"run_id": run["run_id"], "rows": summary["rows"], "warnings": len(result.warnings),
            "quarantined": summary["quarantined"], "reused_files": built["reused_files"],
            "processed_files": built["processed_files"]}


@flow(name="curate", log_prints=False)
def curate(config: RunConfig = RunConfig()) -> dict:
    """raw/ -> clean -> segment -> attribute -> validate -> check -> curated/, one run at a time per folder.

    Raises ``io.CuratedFolderLocked`` at once when another run holds the folder, ``QualityGateFailed`` when
    critical expectations fail (then nothing is published). Whatever else ends a run holding the lock, an
    error or a signal (a ``BaseException``), stops the batches, is recorded in ``reports/history.jsonl``
    (status ``crashed`` or ``interrupted``) and raised again once the staging folder is removed."""
    logger = get_run_logger()
    started, started_at = time.perf_counter(), dt.datetime.now(dt.timezone.utc)
    run_id = started_at.strftime("%Y%m%dT%H%M%SZ") + "-" + uuid.uuid4().hex[:6]
    raw_dir = io.resolved(config.raw_dir)
    paths = io.source_paths(raw_dir, config.pattern)
    if not paths:
        raise FileNotFoundError(f"no raw files match {config.pattern!r} in {raw_dir}: nothing to curate")
    run = {"run_id": run_id, "pipeline_version": __version__, "raw_dir": str(raw_dir),
           "files_read": len(paths), "started_at": started_at.isoformat()}
    with io.curated_workspace(config.curated_dir) as curated_dir, io.curated_lock(curated_dir):
        staging = curated_dir / f"{io.STAGING_PREFIX}{run_id}"
        try:
            for path in io.removed_debris(curated_dir):
                logger.warning("removed debris of an interrupted earlier run: %s", path)
            logger.info("run %s: %d raw files in %s", run_id, len(paths), raw_dir)
            summary = _published_run(paths, config, run, staging, curated_dir, started)
        except BaseException as err:  # a signal too: it is recorded, then the lock is released
            _record_ended_run(run, err, time.perf_counter() - started, curated_dir / "reports" / "history.jsonl")
            raise
        finally:
            io.remove_tree(staging)
    logger.info("run %s published %s in %.1fs", run_id, summary["rows"], time.perf_counter() - started)
    return summary


# The flow as prefect.yaml deploys it (`prefect deploy`): a deployment loads its entrypoint as it is, so the
# time budget of a scheduled run is set here, not by the run's parameters.
SCHEDULED_RUN_TIMEOUT_S = 6 * 3600
curate_scheduled = curate.with_options(timeout_seconds=SCHEDULED_RUN_TIMEOUT_S)


def curate_with_runner(config: RunConfig):
    """The flow with the task runner the config asks for (flows/runners.py) and the run's time budget."""
    return curate.with_options(task_runner=runners.task_runner(config), timeout_seconds=config.run_timeout_s)


def _raw_problem(config: RunConfig) -> str | None:
    """Why the raw folder cannot be curated (missing, unreachable, or no file matches), or None."""
    if not io.is_object_store(config.raw_dir) and not config.raw_dir.is_dir():
        return f"raw folder not found: {config.raw_dir}"
    try:
        found = io.source_paths(config.raw_dir, config.pattern)
    except OSError as err:  # object storage: no such bucket, no credentials, no server
        return f"cannot list {config.raw_dir}: {err}"
    if not found:
        return f"no raw files match {config.pattern!r} in {config.raw_dir}"
    return None


def published_version(curated) -> str | None:
    """The name of the version the curated folder (or object-store prefix) publishes now; None before the first
    publish or where it cannot be read."""
    try:
        if io.is_object_store(curated):
            current = io.current_object_snapshot(str(curated))
            return current.rstrip("/").rsplit("/", 1)[-1] if current else None
        current = io.current_snapshot(Path(curated))
        return current.name if current else None
    except Exception:  # noqa: BLE001 - read on the way out of a failed run: any error means "cannot tell"
        return None


def argument_parser() -> options.Parser:
    parser = options.Parser(prog="python -m flows.curate", description=__doc__)
    options.add_run_options(parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    """The command line: exit 0 published, 1 failed, 2 bad arguments, 3 folder locked, 4 published then failed,
    128 + N ended by signal N (130 SIGINT, 143 SIGTERM)."""
    try:
        config = options.run_config(argument_parser().parse_args(argv))
        problem = _raw_problem(config)
        if problem:
            raise options.UsageError(problem)
    except options.UsageError as err:
        print(f"error: {err}", file=sys.stderr)
        return options.EXIT_USAGE
    with signals.raising_interrupted():
        try:
            return _run(config)
        except BaseException as err:  # noqa: BLE001 - a signal's exception, wherever it landed
            signum = signals.interrupting_signal(err)
            if signum is None:
                raise
            print(f"error: interrupted by {signum.name}; a run that had started is recorded as interrupted in "
                  f"{config.curated_dir}/reports/history.jsonl", file=sys.stderr)
            return signals.exit_status(signum)


def _run(config: RunConfig) -> int:
    """Run the flow with the config's task runner; print the outcome in one line; the exit status."""
    from flows import quality

    quality.preload_gx()  # the ~10 s GX import overlaps with the start-up of Prefect's temporary server
    before = published_version(config.curated_dir)
    try:
        with tempserver.serving():
            summary = curate_with_runner(config)(config)
    except io.CuratedFolderLocked as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_LOCKED
    except QualityGateFailed as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_FAILED
    except Exception as err:  # noqa: BLE001 - the flow run already logged the traceback
        after = published_version(config.curated_dir)
        if after is not None and after != before:
            print(f"error: run published {after}, then failed: {type(err).__name__}: {err}", file=sys.stderr)
            return EXIT_PUBLISHED_THEN_FAILED
        print(f"error: run failed: {type(err).__name__}: {err}", file=sys.stderr)
        return EXIT_FAILED
    quarantined = len({f for files in summary["quarantined"].values() for f in files})
    by_check = "".join(f"; {check}: {len(files)}" for check, files in summary["quarantined"].items())
    print(f"published run {summary['run_id']}: {summary['rows']} ({summary['warnings']} warnings, "
          f"{quarantined} documents quarantined{by_check}; {summary['processed_files']} raw files processed, "
          f"{summary['reused_files']} reused)")
    return 0


if __name__ == "__main__":
    # run the flow of the module flows.curate, not of __main__: worker processes import its tasks by name
    from flows.apiloss import drained_or_given_up
    from flows.curate import main as curate_main

    sys.exit(drained_or_given_up(curate_main()))
