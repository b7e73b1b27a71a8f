"""RunConfig: the one typed object a run is configured with (paths, batch size, thresholds, runner)."""
from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


OBJECT_STORE_SCHEME = "s3://"


def location(value: str | Path) -> Path | str:
    """A raw or curated folder as given: ``s3://bucket/prefix`` stays a string (no trailing slash), anything
    else is a local Path. Raises ValueError for an ``s3://`` URI without a bucket."""
    if isinstance(value, str) and value.startswith(OBJECT_STORE_SCHEME):
        bucket, _, prefix = value[len(OBJECT_STORE_SCHEME):].rstrip("/").partition("/")
        if not bucket:
            raise ValueError(f"no bucket in {value!r}: expected s3://bucket/prefix")
        return f"{OBJECT_STORE_SCHEME}{bucket}/{prefix}".rstrip("/")
    return Path(value)


class QualityThresholds(BaseModel):
    """Corpus-level limits: breaking one is a warning in the report, not a failed run — except
    ``max_quarantined_share``, whose breach fails the run (too many bad documents is a systemic problem)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    max_share_without_date: float = Field(0.5, ge=0, le=1, description="Documents with no published_date.")
    max_share_without_title: float = Field(0.5, ge=0, le=1, description="Documents with no title.")
    max_share_empty_documents: float = Field(0.05, ge=0, le=1, description="Documents with no statement.")
    max_share_narration: float = Field(0.9, ge=0, le=1, description="Statements in narration mode.")
    max_rejection_rate: float = Field(0.05, ge=0, le=1,
                                      description="Raw files with at least one rejection, per raw file read.")
    max_duplicate_rate: float = Field(0.2, ge=0, le=1, description="Documents that duplicate another.")
    earliest_published_year: int = Field(1900, description="Publication dates before this year quarantine "
                                                           "their document.")
    max_quarantined_share: float = Field(
        0.2, ge=0, le=1, description="Share of the run's documents that row-level checks may quarantine to "
                                     "rejections; above it the run fails and nothing is published.")


class RunConfig(BaseModel):
    """Where a run reads and writes, how it batches, and what it accepts."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    raw_dir: Path | str = Field(Path("raw"), description="Folder of raw text files (read only), or "
                                                         "s3://bucket/prefix (README, Object storage).")
    curated_dir: Path | str = Field(Path("curated"), description="Folder the tables and reports are published "
                                                                 "to, or s3://bucket/prefix.")
    keep_snapshots: int = Field(3, ge=1, description="Published versions kept in curated_dir/snapshots/, the "
                                                     "current one included; older ones are deleted after a publish.")
    pattern: str = Field("*.txt", min_length=1,
                         description="Glob for the raw files, relative to raw_dir (recursive with **); never "
                                     "absolute and never climbing out with '..'.")
    max_file_bytes: int = Field(20 * 2**20, gt=0, description="Raw files larger than this many bytes (default "
                                "20 MiB) are rejected as too_large without being read.")
    file_timeout_s: float = Field(60.0, gt=0, allow_inf_nan=False,
                                  description="Seconds one raw file may take, read to attributed (checked between "
                                              "stages, lines, paragraphs and sentences); a file over it is rejected "
                                              "as timeout and the others go on.")
    run_timeout_s: float | None = Field(None, gt=0, allow_inf_nan=False,
                                        description="Seconds a whole run may take (the Prefect flow's timeout): a "
                                                    "run over it ends as crashed, publishes nothing and leaves the "
                                                    "last version current; none by default.")
    batch_size: int = Field(200, ge=1, description="Raw files per task.")
    runner: Literal["threads", "processes", "dask"] = Field(
        "threads", description="Prefect task runner of the batches: threads in the flow's process, worker "
                               "processes on this machine, or Dask workers (flows/runners.py; README, Runners).")
    max_workers: int = Field(2, ge=1, description="Worker processes, threads or Dask workers.")
    dask_address: str | None = Field(None, description="Address of an existing Dask scheduler (runner=dask).")
    min_boilerplate_docs: int = Field(3, ge=2, description="A line in this many documents is corpus boilerplate.")
    quality: QualityThresholds = Field(default_factory=QualityThresholds)
    build_data_docs: bool = Field(True, description="Build the Great Expectations Data Docs site.")
    incremental: bool = Field(False, description="Reuse the current published version's rows of the raw files "
                                                 "unchanged since (same bytes, same share of the corpus boilerplate, "
                                                 "same code); process only new and changed files (README, "
                                                 "Incremental runs).")

    @field_validator("raw_dir", "curated_dir", mode="before")
    @classmethod
    def _local_or_object_store(cls, value):
        return location(value) if isinstance(value, (str, Path)) else value

    @field_validator("pattern")
    @classmethod
    def _pattern_stays_inside_raw_dir(cls, pattern: str) -> str:
        if pattern.startswith("/") or ".." in pattern.split("/"):
            raise ValueError("must be relative to the raw folder, without '..'")
        return pattern
