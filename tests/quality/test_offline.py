"""The Data Docs site needs no network: CDN assets vendored and every page rewritten to load them locally."""
from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from flows.config import QualityThresholds
from flows.quality import quality_result
from flows.quality.offline import ASSETS, VENDOR_DIR, external_assets, make_site_offline, offline_html

from .conftest import TODAY
from .test_report import defective_tables

GX_VIEW = Path(importlib.util.find_spec("great_expectations").submodule_search_locations[0]) / "render" / "view"
S3 = "https://great-expectations-web-assets.s3.us-east-2.amazonaws.com/"

HEAD = """<head>
<link rel="stylesheet" href="https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css"/>
<script src="https://code.jquery.com/jquery-3.7.1.min.js"></script>
<script src="https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js" integrity="sha384-JjSmVgyd0p3pXB1rRibZUAYoIIy6OrQ6VrjIEaFf/nJGzIxFDsf4x0xIM+B07jRM" crossorigin="anonymous"></script>
<script src="https://cdn.jsdelivr.net/npm/vega@5"></script>
<style>.navbar-brand a { background: url('""" + S3 + """full_logo_dark.png') 0 0 no-repeat; }</style>
</head><body>
<img class="NO-CACHE" src=\"""" + S3 + """logo-long.png?d=20240601T000000.000000Z&dataContextId=abc" alt="GX"/>
<a href="https://greatexpectations.io">Great Expectations</a>
</body>"""


def test_offline_html_rewrites_cdn_urls_relative_to_the_page() -> None:
    top = offline_html(HEAD, 0)
    assert 'href="static/vendor/bootstrap@4.3.1/dist/css/bootstrap.min.css"' in top
    assert '<script src="static/vendor/jquery@3.7.1/dist/jquery.min.js"></script>' in top
    assert '<script src="static/vendor/vega@5.33.1/build/vega.min.js"></script>' in top
    assert 'src="static/images/logo-long.png"' in top  # GX copies its logo into static/images/; no query
    assert "url('static/images/logo-long.png')" in top
    deep = offline_html(HEAD, 5)  # validations/<table>/derived/__none__/<time>/<page>.html
    assert '<script src="../../../../../static/vendor/jquery@3.7.1/dist/jquery.min.js"></script>' in deep
    assert 'src="../../../../../static/images/logo-long.png"' in deep


def test_offline_html_fixes_relative_static_references() -> None:
    # GX links the favicon of validations/<table>/derived/__none__/<time>/<page>.html one folder too few up
    page = '<link rel="shortcut icon" href="../../../../static/images/favicon.ico" type="image/x-icon"/>'
    assert 'href="../../../../../static/images/favicon.ico"' in offline_html(page, 5)
    assert 'href="static/images/favicon.ico"' in offline_html('<link href="./static/images/favicon.ico"/>', 0)
    assert offline_html('<a href="#section-1">x</a>', 2) == '<a href="#section-1">x</a>'


def test_offline_html_drops_integrity_and_crossorigin_of_vendored_tags() -> None:
    # a crossorigin load of a file:// script fails CORS in Chromium, and the hash pins the CDN copy
    out = offline_html(HEAD, 2)
    assert ('<script src="../../static/vendor/bootstrap@4.3.1/dist/js/bootstrap.min.js"></script>' in out)
    assert "integrity" not in out and "crossorigin" not in out


def test_offline_html_leaves_links_and_is_idempotent() -> None:
    out = offline_html(HEAD, 1)
    assert '<a href="https://greatexpectations.io">' in out  # a link a person clicks loads nothing
    assert external_assets(out) == []
    assert offline_html(out, 1) == out
    assert offline_html("<p>no assets</p>", 3) == "<p>no assets</p>"
    with pytest.raises(ValueError):
        offline_html(HEAD, -1)


def test_external_assets_finds_what_a_browser_would_fetch() -> None:
    found = external_assets(HEAD)
    assert "https://code.jquery.com/jquery-3.7.1.min.js" in found
    assert S3 + "full_logo_dark.png" in found
    assert any(u.startswith(S3 + "logo-long.png") for u in found)
    assert "https://greatexpectations.io" not in found
    assert external_assets('<script src="https://example.org/x.js"></script>') == ["https://example.org/x.js"]


def test_every_cdn_url_in_gx_templates_is_vendored() -> None:
    """Each http(s) URL GX's Data Docs templates and stylesheets can emit as an asset maps to a local file."""
    files = [*(GX_VIEW / "templates").glob("*.j2"), *(GX_VIEW / "static" / "styles").glob("*.css")]
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert external_assets(offline_html(text, 0)) == [], path.name
    navbar = (GX_VIEW / "templates" / "top_navbar.j2").read_text(encoding="utf-8")
    assert S3 in navbar and S3 + "logo-long.png" in ASSETS  # the logo URL is built from a Jinja variable


def test_vendored_files_exist_with_licences_and_stay_small() -> None:
    for local in set(ASSETS.values()):
        if local.startswith("vendor/"):
            assert (VENDOR_DIR / local.removeprefix("vendor/")).is_file(), local
    packages = {Path(v.removeprefix("vendor/")).parts[0] for v in ASSETS.values() if v.startswith("vendor/")}
    for package in packages:
        roots = [VENDOR_DIR / package] if not package.startswith("@") else list((VENDOR_DIR / package).iterdir())
        for root in roots:
            assert list(root.glob("LICENSE*")), f"{root.name}: no LICENSE"
    # Font Awesome: GX uses only solid icons ("fas"), so only the solid webfont is vendored
    assert (VENDOR_DIR / "@fortawesome/fontawesome-free@6.6.0/webfonts/fa-solid-900.woff2").is_file()
    total = sum(p.stat().st_size for p in VENDOR_DIR.rglob("*") if p.is_file())
    assert total < 2_500_000, total


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """A Data Docs site as the flow builds it (quality_result with data_docs_dir)."""
    docs = tmp_path_factory.mktemp("reports") / "data_docs"
    result = quality_result(defective_tables(), thresholds=QualityThresholds(max_share_narration=0.5), files_read=4,
                            today=TODAY, data_docs_dir=docs)
    assert result.data_docs_index == str((docs / "index.html").resolve())
    return docs


def _pages(site: Path) -> list[Path]:
    pages = [p for p in site.rglob("*.html") if "vendor" not in p.relative_to(site).parts]
    assert len(pages) >= 13  # index + 6 suites + 6 validations
    return pages


def test_generated_site_has_no_external_asset_url(site: Path) -> None:
    for page in _pages(site):
        text = page.read_text(encoding="utf-8")
        assert external_assets(text) == [], page.relative_to(site)
        # nothing loaded from a CDN by tag either (script src / link href / img src)
        for tag, url in re.findall(r'<(script|link|img)\b[^>]*?\b(?:src|href)="(https?://[^"]*)"', text):
            pytest.fail(f"{page.relative_to(site)}: <{tag}> loads {url}")
    for css in (site / "static" / "styles").glob("*.css"):
        assert "https://" not in re.sub(r"/\*.*?\*/", "", css.read_text(encoding="utf-8"), flags=re.S), css.name


def test_generated_site_local_assets_all_exist(site: Path) -> None:
    """Every script/stylesheet/image a page loads resolves to a file inside the site."""
    seen = set()
    for page in _pages(site):
        text = page.read_text(encoding="utf-8")
        for url in re.findall(r'<(?:script|link|img)\b[^>]*?\b(?:src|href)="([^"#][^"]*)"', text):
            path = unquote(urlsplit(url).path)
            target = (page.parent / path).resolve()
            assert target.is_file(), f"{page.relative_to(site)}: {url}"
            assert target.is_relative_to(site.resolve()), url
            seen.add(target.relative_to(site.resolve()).as_posix())
    assert "static/vendor/jquery@3.7.1/dist/jquery.min.js" in seen
    assert "static/vendor/bootstrap-table@1.19.1/dist/bootstrap-table.min.js" in seen
    assert "static/images/logo-long.png" in seen


def test_make_site_offline_is_idempotent(site: Path) -> None:
    before = {p: p.read_text(encoding="utf-8") for p in _pages(site)}
    assert make_site_offline(site) == []
    assert {p: p.read_text(encoding="utf-8") for p in _pages(site)} == before
    assert (site / "static" / "vendor" / "@fortawesome" / "fontawesome-free@6.6.0" / "webfonts"
            / "fa-solid-900.woff2").is_file()
