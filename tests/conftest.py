"""Shared fixtures. Tests run from the repository root with `make test`."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import flows  # noqa: E402,F401  - sets the no-telemetry environment before Prefect/GX are imported

RAW = ROOT / "raw"


def raw_folder(folder: Path, planted: dict[str, bytes]) -> Path:
    """``folder`` holding copies of the sample texts of raw/ and the ``planted`` files (name -> bytes)."""
    for path in RAW.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    for name, data in planted.items():
        (folder / name).write_bytes(data)
    return folder


@pytest.fixture(scope="session")
def prefect_harness():
    """One temporary Prefect server (on loopback, with its own database) for the whole session."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
