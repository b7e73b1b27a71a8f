"""The project installs as a package with a console command, its data files included."""
from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

import pytest

from flows import cli
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    """A wheel built from a copy of the sources (the build leaves nothing in the checkout)."""
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    for package in ("flows", "schemas"):
        shutil.copytree(ROOT / package, src / package, ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "--disable-pip-version-check", "-q", str(src), "-w", str(out)], check=True, timeout=300)
    (path,) = out.glob("*.whl")
    return zipfile.ZipFile(path)


def test_the_wheel_carries_the_lexicon_data_the_report_assets_and_the_console_command(wheel):
    names = set(wheel.namelist())
    assert {"flows/steps/data/cue_verbs.tsv", "flows/steps/data/cue_classifier.json", "schemas/records.py"} <= names
    assert any(n.startswith("flows/quality/static/vendor/") for n in names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "newsvoices = flows.cli:main" in wheel.read(entry_points).decode()


def test_the_command_lists_its_subcommands_and_refuses_an_unknown_one_with_exit_2(capsys):
    assert cli.main(["--help"]) == 0
    assert set(cli.COMMANDS) <= set(capsys.readouterr().out.split("{")[1].split("}")[0].split(","))
    assert cli.main(["frobnicate"]) == 2
    assert "unknown command" in capsys.readouterr().err
    assert cli.main([]) == 2


def test_a_subcommand_hands_its_options_to_the_module(capsys):
    assert cli.main(["curate", "--help"]) == 0
    assert "--raw" in capsys.readouterr().out
    assert cli.main(["curate", "--raw", "/nonexistent/raw/folder"]) == 2


def test_the_analysis_extra_installs_duckdb_and_polars_at_the_locked_versions(wheel):
    import re
    import tomllib

    extra = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    pins = dict(re.findall(r"^([a-z0-9_.-]+)==(\S+) \\", (ROOT / "requirements.lock").read_text(), re.M))
    assert sorted(extra["analysis"]) == [f"duckdb=={pins['duckdb']}", f"polars=={pins['polars']}"]
    metadata = wheel.read(next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))).decode()
    assert "Provides-Extra: analysis" in metadata
    assert f"Requires-Dist: duckdb=={pins['duckdb']}; extra == \"analysis\"" in metadata
