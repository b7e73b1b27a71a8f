"""Make Great Expectations' Data Docs site work with no network (loopback only).

GX 1.24's Data Docs templates load jQuery, Bootstrap, bootstrap-table, popper, bootstrap-datepicker,
Font Awesome, vega/vega-lite/vega-embed and a logo from public CDNs
(great_expectations/render/view/templates/*.j2). Offline the index then shows empty tables and the
pages are unstyled. The same files, at the versions the templates name, are vendored in
``static/vendor/`` next to this module (see its README.md for sources and licences).
``make_site_offline`` copies them into the site's ``static/vendor/`` and rewrites every known CDN URL
in every HTML page of the site to a relative local path (``offline_html``).

Links a person clicks (GX docs, newsletter) are left alone: they load nothing by themselves.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

VENDOR_DIR = Path(__file__).resolve().parent / "static" / "vendor"

_S3 = "https://great-expectations-web-assets.s3.us-east-2.amazonaws.com/"

# URL as GX's templates write it (without its query string) -> path under the site's static/ folder.
ASSETS: dict[str, str] = {
    # js_script_imports.j2
    "https://cdn.jsdelivr.net/npm/vega@5": "vendor/vega@5.33.1/build/vega.min.js",
    "https://cdn.jsdelivr.net/npm/vega-lite@5": "vendor/vega-lite@5.23.0/build/vega-lite.min.js",
    "https://cdn.jsdelivr.net/npm/vega-embed@6": "vendor/vega-embed@6.29.0/build/vega-embed.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.6.0/css/all.min.css":
        "vendor/@fortawesome/fontawesome-free@6.6.0/css/all.min.css",
    "https://code.jquery.com/jquery-3.7.1.min.js": "vendor/jquery@3.7.1/dist/jquery.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js":
        "vendor/popper.js@1.12.9/dist/umd/popper.min.js",
    "https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js":
        "vendor/bootstrap@4.3.1/dist/js/bootstrap.min.js",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.js":
        "vendor/bootstrap-table@1.19.1/dist/bootstrap-table.min.js",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/extensions/filter-control/bootstrap-table-filter-control.min.js":
        "vendor/bootstrap-table@1.19.1/dist/extensions/filter-control/bootstrap-table-filter-control.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/js/bootstrap-datepicker.min.js":
        "vendor/bootstrap-datepicker@1.9.0/dist/js/bootstrap-datepicker.min.js",
    # index_page.j2, page.j2, page_minimal.j2
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.css":
        "vendor/bootstrap-table@1.19.1/dist/bootstrap-table.min.css",
    "https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css":
        "vendor/bootstrap@4.3.1/dist/css/bootstrap.min.css",
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.min.css":
        "vendor/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.min.css",
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.css":
        "vendor/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.css",
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/css/bootstrap-datepicker.min.css":
        "vendor/bootstrap-datepicker@1.9.0/dist/css/bootstrap-datepicker.min.css",
    # the package's minified build of the same stylesheet (883 kB unminified, 153 kB minified)
    "https://cdn.jsdelivr.net/npm/@forevolve/bootstrap-dark@1.1.0/dist/css/bootstrap-prefers-dark.css":
        "vendor/@forevolve/bootstrap-dark@1.1.0/dist/css/bootstrap-prefers-dark.min.css",
    # top_navbar.j2 (the logo; GX copies the same image into the site's static/images/) and the
    # dark-mode logo of data_docs_default_styles.css (not shipped with GX: the light logo stands in)
    _S3 + "logo-long.png": "images/logo-long.png",
    _S3 + "full_logo_dark.png": "images/logo-long.png",
}

_URL = re.compile(r"""https?://[^\s"'()<>`]+""")
# A relative reference to the site's static/ folder (GX's favicon on validation pages goes one
# folder too few up: "../../../../static/images/favicon.ico" from five folders down).
_STATIC_REF = re.compile(r"""(\b(?:src|href)\s*=\s*["'])(?:\./|(?:\.\./)+)?static/""", re.IGNORECASE)
_VENDORED_TAG = re.compile(r"<(?:script|link)\b[^>]*static/vendor/[^>]*>", re.IGNORECASE)
# Subresource-integrity pins the CDN copy and crossorigin makes a file:// load fail CORS: drop both
# on tags that now load a vendored file.
_SRI = re.compile(r"""\s+(?:integrity|crossorigin)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?""", re.IGNORECASE)
# An asset the browser fetches by itself: <script src>, <link href> (not <a href>), <img src>, url(...).
_ASSET_ATTR = re.compile(r"""<(?:script|img|link|iframe|source|embed)\b[^>]*?\b(?:src|href)\s*=\s*["']?"""
                         r"""(https?://[^"'\s>]+)""", re.IGNORECASE)
_CSS_URL = re.compile(r"""url\(\s*["']?(https?://[^"')\s]+)""", re.IGNORECASE)


def _local(url: str, prefix: str) -> str:
    base = re.split(r"[?#]", url, maxsplit=1)[0]
    local = ASSETS.get(base) or ASSETS.get(base.rstrip("/"))
    return prefix + "static/" + local if local else url


def offline_html(html: str, depth: int) -> str:
    """``html`` with every known CDN/S3 asset URL replaced by its relative path in the site's static/.

    ``depth`` is how many folders below the site root the page lies (index.html: 0,
    expectations/<table>/derived.html: 2). Query strings (GX adds ``?d=<time>`` to the logo) are
    dropped; integrity/crossorigin attributes go from tags that now load a vendored file; relative
    src/href references to static/ are made to reach the site root (GX's favicon link on validation
    pages does not). Unknown URLs are left as they are (``external_assets`` lists the ones that
    would still load).
    """
    if depth < 0:
        raise ValueError(f"depth must be >= 0, not {depth}")
    prefix = "../" * depth
    text = _URL.sub(lambda m: _local(m.group(0), prefix), html)
    text = _STATIC_REF.sub(lambda m: m.group(1) + prefix + "static/", text)
    return _VENDORED_TAG.sub(lambda m: _SRI.sub("", m.group(0)), text)


def external_assets(html: str) -> list[str]:
    """The http(s) URLs the browser would fetch by itself (script/img/link/... src or href, CSS url())."""
    return [*_ASSET_ATTR.findall(html), *_CSS_URL.findall(html)]


def make_site_offline(site: Path) -> list[str]:
    """Copy the vendored assets into ``site``/static/vendor/ and rewrite the site's pages to use them.

    Rewrites every .html page of the site (and GX's copied stylesheets); pages already rewritten
    are left untouched. Returns the external asset URLs still left in any page (empty when the
    site is self-contained).
    """
    site = Path(site)
    target = site / "static" / "vendor"
    shutil.copytree(VENDOR_DIR, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("README.md"))
    left: set[str] = set()
    files = [*site.rglob("*.html"), *(site / "static" / "styles").glob("*.css")]
    for path in files:
        rel = path.relative_to(site)
        if rel.parts[:2] == ("static", "vendor"):
            continue
        text = path.read_text(encoding="utf-8")
        new = offline_html(text, depth=len(rel.parts) - 1)
        if new != text:
            path.write_text(new, encoding="utf-8")
        left.update(external_assets(new))
    return sorted(left)
