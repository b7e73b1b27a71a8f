"""Open the report (summary page + GX Data Docs) in a real headless Chromium and check what a person sees.

Needs Debian's ``chromium`` package (/usr/bin/chromium); ``make test`` installs it. Set
REPORT_SCREENSHOT_DIR to keep the screenshots (summary.png, data_docs.png) for a look.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest

from flows.config import QualityThresholds
from flows.quality import history_entry, quality_result, summary_html

from .conftest import TODAY
from .test_report import RUN, defective_tables, past_runs

CHROMIUM = Path("/usr/bin/chromium")

if os.environ.get("REQUIRE_BROWSER") and not CHROMIUM.exists():  # CI (.ci/run) must run these, not skip them
    raise RuntimeError("REQUIRE_BROWSER is set but /usr/bin/chromium is missing: run `make browser`")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium "
                                                     "(apt-get install chromium; `make test` does it)"),
]


# Every host name but localhost fails to resolve: the pages must render with no network but loopback.
OFFLINE = "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost"


def chromium(profile: Path, *args: str) -> str:
    """Run headless Chromium offline (no DNS but localhost, no sync, no component updates, no QUIC); its stdout."""
    cmd = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--disable-dev-shm-usage", OFFLINE, f"--user-data-dir={profile}", *args]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=True)
    return done.stdout


def visible_text(dom: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", dom)))


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    """curated/reports/ as the flow writes it: index.html + data_docs/."""
    reports = tmp_path_factory.mktemp("reports")
    tables = defective_tables()
    result = quality_result(tables, thresholds=QualityThresholds(max_share_narration=0.5), files_read=4,
                            today=TODAY, data_docs_dir=reports / "data_docs")
    assert result.data_docs_index == str((reports / "data_docs" / "index.html").resolve())
    history = past_runs() + [history_entry(result, tables, RUN)]
    href = Path(result.data_docs_index).relative_to(reports.resolve()).as_posix()
    (reports / "index.html").write_text(summary_html(result, tables, run=RUN, history=history, data_docs_href=href),
                                        encoding="utf-8")
    return reports


def _keep(png: Path) -> None:
    if os.environ.get("REPORT_SCREENSHOT_DIR"):
        target = Path(os.environ["REPORT_SCREENSHOT_DIR"])
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(png, target / png.name)


def test_summary_page_renders_the_figures(report: Path, tmp_path: Path) -> None:
    dom = chromium(tmp_path / "profile", "--dump-dom", (report / "index.html").as_uri())
    text = visible_text(dom)
    assert RUN["run_id"] in text and "FAILED" in text
    assert re.search(r'id="count-statements">3<', dom) and re.search(r'id="count-rejections">1<', dom)
    # the narration rule fails the run; the planted language "english" is a row-level defect: quarantined
    assert re.search(r'id="critical-failures">1<', dom) and re.search(r'id="warnings">2<', dom)
    assert "documents.language.iso639_1 documents gx quarantine quarantined" in text
    for shown in ("statements.narration_has_no_speaker", "documents.language.iso639_1",
                  "statements.share_narration", "66.7% (2 of 3 statements); max 50%", "empty_file",
                  "Statements by mode", "narration", "Top speakers", "Xi Jinping", "Documents per month", "2021-02",
                  "Drift across runs", "20240523T100000Z-old003", "rejection rate"):
        assert shown in text, shown
    assert dom.count("<svg") >= 3 + 12  # three charts and a sparkline per drift figure
    assert 'href="data_docs/index.html"' in dom


def test_summary_page_screenshot(report: Path, tmp_path: Path) -> None:
    png = tmp_path / "summary.png"
    chromium(tmp_path / "profile", f"--screenshot={png}", "--window-size=1280,2000", (report / "index.html").as_uri())
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000
    _keep(png)


def test_data_docs_site_renders(report: Path, tmp_path: Path) -> None:
    index = report / "data_docs" / "index.html"
    dom = chromium(tmp_path / "profile", "--dump-dom", index.as_uri())
    text = visible_text(dom)
    assert "Data Docs" in text and "curated_quality" in text
    for table in ("documents", "paragraphs", "statements", "speakers", "document_speakers", "removed_lines",
                  "rejections"):
        assert f"{table}.derived" in text, table
    passed, total = map(int, re.search(r"documents\.derived — (\d+) of (\d+) expectations passed", text).groups())
    assert passed == total - 1  # the bad language code
    assert re.search(r"statements\.derived — (\d+) of \1 expectations passed", text)
    png = tmp_path / "data_docs.png"
    chromium(tmp_path / "profile", f"--screenshot={png}", "--window-size=1280,1400", index.as_uri())
    assert png.stat().st_size > 5_000
    _keep(png)


def test_data_docs_index_tables_render_offline(report: Path, tmp_path: Path) -> None:
    """GX's index tables are filled by jQuery + bootstrap-table (+ filter-control), now vendored in the site.

    Without them (CDN unreachable) the <table> elements stay empty: no rows, no bootstrap-table wrapper.
    """
    index = report / "data_docs" / "index.html"
    dom = chromium(tmp_path / "profile", "--dump-dom", index.as_uri())
    assert 'class="bootstrap-table bootstrap4"' in dom and "fixed-table-container" in dom  # bootstrap-table ran
    assert "bootstrap-table-filter-control-" in dom  # its filter-control extension ran too
    validations = re.findall(r'<tr class="clickable-row" data-href="(validations/[^"]+)"', dom)
    assert len(validations) == 7, validations
    assert sorted(p.split("/")[1] for p in validations) == sorted(
        ("documents", "paragraphs", "statements", "speakers", "document_speakers", "removed_lines", "rejections"))
    suites = re.findall(r'<tr class="clickable-row" data-href="(expectations/[^"]+)"', dom)
    assert len(suites) == 7, suites
    row = re.search(r'<tr class="clickable-row" data-href="validations/documents/.*?</tr>', dom, re.S)
    assert row and "ge-failed-icon" in row.group(0) and "documents.derived" in row.group(0)


def test_data_docs_validation_page_shows_the_failed_expectation(report: Path, tmp_path: Path) -> None:
    pages = sorted((report / "data_docs" / "validations" / "documents").rglob("*.html"))
    assert len(pages) == 1
    dom = chromium(tmp_path / "profile", "--dump-dom", pages[0].as_uri())
    text = visible_text(dom)
    assert "documents.derived" in text
    assert re.search(r"Unsuccessful Expectations\s+1\b", text), text[:2000]
    assert "english" in text  # the unexpected value, as GX renders it
    assert "fixed-table-container" in dom  # its tables went through bootstrap-table (vendored, offline)
