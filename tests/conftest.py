"""Shared fixtures. Tests run from the repository root with `make test`."""
from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

if os.environ.get("PYTEST_XDIST_WORKER"):
    # `make test` runs the files on several worker processes: each gets its own Prefect home, so the temporary
    # servers that runs in different workers start at once never share one SQLite database
    _prefect_home = tempfile.mkdtemp(prefix=f"prefect-home-{os.environ['PYTEST_XDIST_WORKER']}-")
    os.environ["PREFECT_HOME"] = _prefect_home
    atexit.register(shutil.rmtree, _prefect_home, True)

import flows  # noqa: E402,F401  - sets the no-telemetry environment before Prefect/GX are imported

RAW = ROOT / "raw"


def raw_folder(folder: Path, planted: dict[str, bytes]) -> Path:
    """``folder`` holding copies of the sample texts of raw/ and the ``planted`` files (name -> bytes)."""
    for path in RAW.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    for name, data in planted.items():
        (folder / name).write_bytes(data)
    return folder


def tool_module(name: str):
    """The script tools/<name>.py loaded as a module (the tools are scripts, not a package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def prefect_harness():
    """One temporary Prefect server (on loopback, with its own database) for the whole session."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


# bad entries planted beside the sample texts in the shared build (tests/test_flow.py checks each outcome)
PLANTED = {
    "empty.txt": b"",                                                    # empty file
    "image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,  # binary content
}


@pytest.fixture(scope="session")
def sample_raw_dir(tmp_path_factory):
    """The sample texts of raw/ and, beside them, one bad entry of each kind a raw folder may hold."""
    from flows.config import RunConfig

    raw = raw_folder(tmp_path_factory.mktemp("raw"), PLANTED)
    (raw / os.fsdecode(b"empty-\xff.txt")).write_bytes(b"")            # a file name that is not UTF-8
    os.mkfifo(raw / "fifo.txt")                                         # a FIFO: reading it would block
    (raw / "dangling.txt").symlink_to(raw / "gone.txt")                 # a symlink to nothing
    (raw / "folder.txt").mkdir()                                        # a directory named like a raw file
    outside = tmp_path_factory.mktemp("elsewhere") / "hostname"
    outside.write_bytes(b"not for us\n")
    (raw / "escape.txt").symlink_to(outside)                            # a symlink out of the raw folder
    with open(raw / "huge.txt", "wb") as fh:                            # over the size limit (sparse: no disk)
        fh.truncate(RunConfig().max_file_bytes + 1)
    return raw


@pytest.fixture(scope="session")
def sample_build(prefect_harness, sample_raw_dir, tmp_path_factory):
    """One real run of the flow over ``sample_raw_dir``, shared by every test that reads a build (read-only):
    (the curated folder, the flow's summary). It starts on a folder that a killed run and the old layout left."""
    from flows import curate as curate_module
    from flows.config import RunConfig

    out = tmp_path_factory.mktemp("curated")
    (out / ".staging-killed" / "parts" / "documents").mkdir(parents=True)     # debris of a killed run
    (out / "reports").mkdir()
    (out / "reports" / ".index.html.k2j4.tmp").write_text("half written")      # an interrupted atomic write
    (out / "statements.parquet").write_bytes(b"PAR1 old layout")               # a plain file of the old layout
    summary = curate_module.curate(RunConfig(raw_dir=sample_raw_dir, curated_dir=out))
    return out, summary
