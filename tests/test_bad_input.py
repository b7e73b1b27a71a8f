"""The bad-input catalogue (issue 9): one raw folder holding some forty kinds of hostile input, curated by ONE run of
the real flow; then, per kind, the precise outcome: published with the property the kind calls for, or rejected
with the stage and reason it calls for. Nothing is dropped silently: every raw entry ends as a documents row or a
rejection, never both, never neither.

Every fixture is invented here, each named after the defect it plants. The per-file time budget runs on a clock
that moves one tick per deadline check (patched into the flow's batches, which run in this process's threads), so
the pathological file times out by its own work, deterministically, with no sleep and no wall-clock assertion."""
from __future__ import annotations

import codecs
import datetime as dt
import gzip
import itertools
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from flows import batches, io
from flows import curate as curate_module
from flows.config import RunConfig
from flows.steps.deadline import Deadline

pytestmark = pytest.mark.flow

MAX_FILE_BYTES = 3 * 2**20          # the run's size limit: the 2 MB line is under it, too-large.txt over it
TICKS_PER_FILE = 3000               # the time budget, in deadline checks: every fixture but one needs far fewer


def story(n: int, *, date: str | None = None, title: str | None = None) -> str:
    """An invented ferry-fare report, different in every file (so no line of it is corpus boilerplate): a title,
    a date line, a quotation with its speaker, narration, reported speech."""
    day = dt.date(2021, 1, 1) + dt.timedelta(days=7 * n)
    title = title or f"Ferry fares rise by {n + 3} percent on route {n}"
    date = date or f"{day:%B} {day.day}, {day:%Y}"
    return (f"{title}\n\n{date}\n\n"
            f"\u201cThe fares on route {n} will rise by {n + 3} percent,\u201d said Mayor Tom Reed on Monday. "
            f"The council agreed to the plan for route {n}.\n\n"
            f"Residents of ward {n} were not asked, the ferry company said in a statement.\n")


def day_of(n: int) -> dt.date:
    return dt.date(2021, 1, 1) + dt.timedelta(days=7 * n)


RUSSIAN = ("Паром подорожал на десять процентов\n\n"
           "Мэр города сказал в понедельник, что цены на билеты вырастут в следующем месяце.\n\n"
           "Жители старого города не согласны с этим решением, сообщила компания.\n\n"
           "Городской совет обсудит вопрос на следующей неделе.\n")
GREEK = ("Οι τιμές του πορθμείου αυξάνονται\n\n"
         "Ο δήμαρχος της πόλης δήλωσε τη Δευτέρα ότι οι τιμές των εισιτηρίων θα αυξηθούν τον επόμενο μήνα.\n\n"
         "Οι κάτοικοι της παλιάς πόλης δεν συμφωνούν με αυτή την απόφαση, ανακοίνωσε η εταιρεία.\n")
HEBREW = ("מחירי המעבורת עולים\n\n"
          "ראש העיר אמר ביום שני כי מחירי הכרטיסים יעלו בחודש הבא.\n\n"
          "תושבי העיר העתיקה אינם מסכימים עם ההחלטה, הודיעה החברה.\n")
CHINESE = "渡轮票价上涨\n\n市长周一表示，渡轮票价将上涨百分之十。市议会同意了这一决定。老城区的居民没有被征求意见。\n"
JAPANESE = "フェリー運賃の値上げ\n\n市長は月曜日、フェリーの運賃を十パーセント値上げすると述べた。市議会はこれに同意した。\n"
ARABIC = ("ارتفاع أسعار العبارات\n\nقال رئيس البلدية يوم الاثنين إن أسعار العبارات سترتفع بنسبة عشرة في المئة. "
          "ووافق المجلس على ذلك. ولم تتم استشارة سكان البلدة القديمة.\n")
HTML = ("<!DOCTYPE html><html><head><title>Ferry fares rise</title><script>var fares = 1;</script></head><body>"
        "<h1>Ferry fares rise</h1><p>\u201cFares will rise,\u201d said Mayor Tom Reed.</p><p>The council agreed.</p>"
        "</body></html>\n")


# ---------------------------------------------------------------------------------------------- outcomes

@dataclass
class Found:
    """What the run made of one raw entry: its documents row (None if none), its rejections, its rows."""

    document: dict | None
    rejections: list[dict]
    statements: list[dict] = field(default_factory=list)
    removed_lines: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class Published:
    """A documents row, no rejection, and ``check(found)`` holds (it asserts the kind's own property)."""

    check: Callable[[Found], None] = lambda found: None
    encoding: str | None = None
    repairs: tuple[str, ...] = ()

    def verify(self, found: Found) -> None:
        assert found.document is not None, f"not published; rejections: {found.rejections}"
        assert not found.rejections, found.rejections
        if self.encoding:
            assert found.document["encoding"] == self.encoding
        assert set(self.repairs) <= set(found.document["repairs"]), found.document["repairs"]
        self.check(found)


@dataclass(frozen=True)
class Rejected:
    """No documents row; one rejection of the file (table ``documents``) with this stage and reason and ``why`` in
    its detail; any other rejections of it are its quarantined rows, with the same stage and reason."""

    stage: str
    reason: str
    why: str = ""

    def verify(self, found: Found) -> None:
        assert found.document is None, "published, but should have been rejected"
        (rejection,) = [r for r in found.rejections if r["table"] == "documents"]
        assert (rejection["stage"], rejection["reason"]) == (self.stage, self.reason), rejection
        assert self.why in rejection["detail"], rejection["detail"]
        assert {(r["stage"], r["reason"]) for r in found.rejections} == {(self.stage, self.reason)}
        assert all(r["table"] != "documents" for r in found.rejections if r is not rejection)


def body_has(*texts: str) -> Callable[[Found], None]:
    def check(found: Found) -> None:
        for text in texts:
            assert text in found.document["clean_text"], (text, found.document["clean_text"][:300])
    return check


def all_of(*checks: Callable[[Found], None]) -> Callable[[Found], None]:
    def check(found: Found) -> None:
        for one in checks:
            one(found)
    return check


def statements_include(*texts: str) -> Callable[[Found], None]:
    def check(found: Found) -> None:
        said = [s["text"] for s in found.statements]
        for text in texts:
            assert text in said, (text, said[:10])
    return check


def holds(what: str, predicate: Callable[[Found], bool]) -> Callable[[Found], None]:
    def check(found: Found) -> None:
        assert predicate(found), what
    return check


def field_is(name: str, value) -> Callable[[Found], None]:
    def check(found: Found) -> None:
        assert found.document[name] == value, (name, found.document[name])
    return check


def story_intact(n: int, *, title: bool = True) -> Callable[[Found], None]:
    """The story's sentences are statements, its quotation direct speech of Tom Reed, its date (and title) read."""
    def check(found: Found) -> None:
        by_text = {s["text"]: s for s in found.statements}
        quote = next((t for t in by_text if f"\u201cThe fares on route {n} " in t), None)
        assert quote is not None, list(by_text)
        assert (by_text[quote]["mode"], by_text[quote]["speaker"]) == ("direct", "Tom Reed")
        assert f"The council agreed to the plan for route {n}." in by_text
        assert found.document["published_date"] == day_of(n)
        if title:
            assert found.document["title"] == f"Ferry fares rise by {n + 3} percent on route {n}"
    return check


def no_markup_in_statements(found: Found) -> None:
    assert not any("<" in s["text"] or ">" in s["text"] for s in found.statements), found.statements
    assert "html_to_text" in found.document["repairs"]
    assert any(s["text"] == "\u201cFares will rise,\u201d said Mayor Tom Reed." and s["speaker"] == "Tom Reed"
               for s in found.statements), found.statements


# ---------------------------------------------------------------------------------------------- the kinds

def _write(name: str, data: bytes) -> Callable[[Path, Path], None]:
    return lambda raw, outside: (raw / name).write_bytes(data)


def _story_bytes(n: int, transform: Callable[[str], str] = lambda t: t, codec: str = "utf-8") -> bytes:
    return transform(story(n)).encode(codec)


def _too_large(raw: Path, outside: Path) -> None:
    with open(raw / "too-large.txt", "wb") as fh:        # sparse: no disk used
        fh.truncate(MAX_FILE_BYTES + 1)


def _symlink_out(raw: Path, outside: Path) -> None:
    (outside / "hostname").write_bytes(b"secret-host\n")
    (raw / "escape-symlink.txt").symlink_to(outside / "hostname")


def _symlink_loop(raw: Path, outside: Path) -> None:
    (raw / "loop-a.txt").symlink_to(raw / "loop-b.txt")
    (raw / "loop-b.txt").symlink_to(raw / "loop-a.txt")


LIGHTHOUSE = ("Lighthouse keeper retires after forty years\n\nThe keeper of the north lighthouse, Ines Varga, "
              "retired on Friday. \u201cI will miss the storms,\u201d she said.\n")


def _alias(raw: Path, outside: Path) -> None:
    (raw / "alias-original.txt").write_text(LIGHTHOUSE, encoding="utf-8")
    (raw / "alias-symlink.txt").symlink_to("alias-original.txt")


# name in raw/ -> (how it is planted, what must come of it); the comment names the defect planted
KINDS: dict[str, tuple[Callable[[Path, Path], None], Published | Rejected]] = {
    # empty and next to empty
    "empty.txt": (_write("empty.txt", b""), Rejected("ingest", "empty_file")),
    "whitespace-only.txt": (_write("whitespace-only.txt", b" \n\t \r\n  \n"), Rejected("ingest", "empty_file")),
    "bom-only.txt": (_write("bom-only.txt", codecs.BOM_UTF8), Rejected("ingest", "empty_file")),
    "only-punctuation.txt": (_write("only-punctuation.txt", b"!!! ??? ... ,,, ;;; --- !!!\n\n?!?!\n"),
                             Published(all_of(field_is("language", None),
                                                              holds("statements", lambda f: len(f.statements) >= 2)))),
    # odd white space and characters inside text
    "nbsp-100.txt": (_write("nbsp-100.txt", ("\u00a0" * 100).encode() + _story_bytes(1)),
                     Published(story_intact(1), repairs=("odd_spaces_replaced",))),
    "nul-bytes.txt": (_write("nul-bytes.txt", _story_bytes(2, lambda t: t.replace("Monday", "Mon\x00day\x00"))),
                      Published(story_intact(2), repairs=("nul_bytes_removed",))),
    "control-chars.txt": (_write("control-chars.txt",
                                 _story_bytes(3, lambda t: t.replace("council", "coun\x07cil\x1b"))),
                          Published(all_of(story_intact(3), holds("no control character", lambda f: not any(
                              c in f.document["clean_text"] for c in "\x07\x1b"))),
                                    repairs=("control_chars_removed",))),
    "zero-width.txt": (_write("zero-width.txt", _story_bytes(4, lambda t: t.replace("council", "coun\u200bcil\u00ad"))),
                       Published(story_intact(4), repairs=("zero_width_removed",))),
    "crlf.txt": (_write("crlf.txt", _story_bytes(5, lambda t: t.replace("\n", "\r\n"))),
                 Published(all_of(story_intact(5), field_is("paragraph_count", 2)),
                           repairs=("line_breaks_normalised",))),
    "cr-only.txt": (_write("cr-only.txt", _story_bytes(6, lambda t: t.replace("\n", "\r"))),
                    Published(all_of(story_intact(6), field_is("paragraph_count", 2)),
                              repairs=("line_breaks_normalised",))),
    "unicode-line-separators.txt": (_write("unicode-line-separators.txt",
                                           _story_bytes(7, lambda t: t.replace("\n", "\u2028"))),
                                    Published(all_of(story_intact(7), field_is("paragraph_count", 2)))),
    # encodings
    "utf16le-bom.txt": (_write("utf16le-bom.txt", codecs.BOM_UTF16_LE + _story_bytes(8, codec="utf-16-le")),
                        Published(story_intact(8), encoding="utf-16", repairs=("bom_removed",))),
    "utf16be-bom.txt": (_write("utf16be-bom.txt", codecs.BOM_UTF16_BE + _story_bytes(9, codec="utf-16-be")),
                        Published(story_intact(9), encoding="utf-16", repairs=("bom_removed",))),
    "utf16le-no-bom.txt": (_write("utf16le-no-bom.txt", _story_bytes(10, codec="utf-16-le")),
                           Published(story_intact(10), encoding="utf-16", repairs=("utf16_without_bom",))),
    "utf16be-no-bom.txt": (_write("utf16be-no-bom.txt", _story_bytes(11, codec="utf-16-be")),
                           Published(story_intact(11), encoding="utf-16", repairs=("utf16_without_bom",))),
    "utf32-bom.txt": (_write("utf32-bom.txt", _story_bytes(12, codec="utf-32")),
                      Published(story_intact(12), encoding="utf-32", repairs=("bom_removed",))),
    "utf32le-no-bom.txt": (_write("utf32le-no-bom.txt", _story_bytes(13, codec="utf-32-le")),
                           Published(story_intact(13), encoding="utf-32", repairs=("utf32_without_bom",))),
    "gb18030-chinese.txt": (_write("gb18030-chinese.txt", CHINESE.encode("gb18030")),
                            Published(all_of(field_is("language", "zh"), body_has("市长周一表示")), encoding="gb18030")),
    "shift-jis-japanese.txt": (_write("shift-jis-japanese.txt", JAPANESE.encode("shift_jis")),
                               Published(all_of(field_is("language", "ja"), body_has("市長は月曜日")),
                                         encoding="shift-jis")),
    "cp1251-russian.txt": (_write("cp1251-russian.txt", RUSSIAN.encode("cp1251")),
                           Published(all_of(field_is("language", "ru"), body_has("Жители старого города")),
                                     encoding="cp1251")),
    "cp1253-greek.txt": (_write("cp1253-greek.txt", GREEK.encode("cp1253")),           # was read as cp1251
                         Published(all_of(field_is("language", "el"), body_has("Ο δήμαρχος της πόλης")),
                                   encoding="cp1253")),
    "cp1255-hebrew.txt": (_write("cp1255-hebrew.txt", HEBREW.encode("cp1255")),        # was read as cp1251
                          Published(all_of(field_is("language", "he"), body_has("ראש העיר אמר")),
                                    encoding="cp1255")),
    "latin1-byte-in-utf8.txt": (_write("latin1-byte-in-utf8.txt",
                                       _story_bytes(14, lambda t: t.replace("Monday", "Monday in the café"))
                                       .replace("café".encode(), b"caf\xe9")),
                                Published(all_of(story_intact(14), body_has("in the café")), encoding="utf-8",
                                          repairs=("stray_bytes_decoded_as_cp1252",))),
    "mojibake.txt": (_write("mojibake.txt", _story_bytes(15, lambda t: t.replace("said Mayor", "saidâ€”Mayor"))),
                     Published(all_of(story_intact(15), body_has("said—Mayor")), repairs=("mojibake_fixed",))),
    "arabic-rtl.txt": (_write("arabic-rtl.txt", ARABIC.encode()),
                       Published(all_of(field_is("language", "ar"), field_is("statement_count", 3)))),
    "mixed-scripts.txt": (_write("mixed-scripts.txt", _story_bytes(16, lambda t: t.replace(
        "Residents of", "Жители (residents, 居民, السكان) of"))),
        Published(all_of(story_intact(16), body_has("Жители (residents, 居民, السكان) of")))),
    # not text at all
    "png.txt": (_write("png.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4),
                Rejected("ingest", "binary_content")),
    "gzip.txt": (_write("gzip.txt", gzip.compress(story(17).encode() * 20)), Rejected("ingest", "binary_content")),
    "html-page.txt": (_write("html-page.txt", HTML.encode()), Published(no_markup_in_statements)),
    # sizes and runs that once cost super-linear time, or still cost much work
    "line-2mb.txt": (_write("line-2mb.txt", ("Ferry fares\n\n" + "fare " * 400_000 + "\n").encode()),
                     Published(holds("one paragraph of 2 MB", lambda f: f.document["paragraph_count"] == 1
                                     and f.document["char_count"] >= 1_999_999))),
    "spaces-before-dash.txt": (_write("spaces-before-dash.txt", (" " * 5000 + "- ").encode() + _story_bytes(18)),
                               Published(story_intact(18, title=False))),   # the title line starts with '-'
    "dateline-spaces.txt": (_write("dateline-spaces.txt", _story_bytes(19, lambda t: t.replace(
        "\u201cThe fares", "LONDON" + " " * 5000 + "- \u201cThe fares"))), Published(story_intact(19))),
    "quotes-10k.txt": (_write("quotes-10k.txt", _story_bytes(20) + b"\n" + b'"' * 10_000 + b"\n"),
                       Published(story_intact(20))),
    "unbalanced-quotes.txt": (_write("unbalanced-quotes.txt", _story_bytes(21, lambda t: t.replace(
        "percent,\u201d said", "percent, said"))),
        Published(statements_include("The council agreed to the plan for route 21."))),
    "word-100k.txt": (_write("word-100k.txt", _story_bytes(22) + b"\n" + b"a" * 100_000 + b"\n"),
                      Published(story_intact(22))),
    "many-lines-timeout.txt": (_write("many-lines-timeout.txt", ("Ferry timetable\n\n" + "".join(
        f"Sailing {i} leaves at noon.\n" for i in range(TICKS_PER_FILE * 2))).encode()),
        Rejected("clean", "timeout", f"time budget of {TICKS_PER_FILE} s per file spent during clean")),
    "too-large.txt": (_too_large, Rejected("ingest", "too_large", f"{MAX_FILE_BYTES + 1:,} bytes")),
    # dates
    "future-date.txt": (_write("future-date.txt", story(23, date="March 3, 2091").encode()),
                        Rejected("quality", "documents.published_date.not_in_future", "2091-03-03")),
    # a date that is no day, a year before 1900: no published_date, and the document says why (a warning too)
    "feb-30.txt": (_write("feb-30.txt", story(24, date="February 30, 2021").encode()),
                   Published(all_of(field_is("published_date", None), field_is("date_text", "February 30, 2021"),
                                    field_is("date_problem", "no_such_day"),
                                    statements_include("The council agreed to the plan for route 24.")))),
    "year-1850.txt": (_write("year-1850.txt", story(25, date="March 3, 1850").encode()),
                      Published(all_of(field_is("published_date", None), field_is("date_text", "March 3, 1850"),
                                       field_is("date_problem", "before_earliest_year"),
                                       statements_include("The council agreed to the plan for route 25.")))),
    # entries that are not plain files inside raw/
    "escape-symlink.txt": (_symlink_out, Rejected("ingest", "unreadable_file", "outside_raw_folder")),
    "broken-symlink.txt": (lambda raw, outside: (raw / "broken-symlink.txt").symlink_to(raw / "gone.txt"),
                           Rejected("ingest", "unreadable_file", "broken_symlink")),
    "loop-a.txt": (_symlink_loop, Rejected("ingest", "unreadable_file", "symlink_loop")),
    "loop-b.txt": (lambda raw, outside: None, Rejected("ingest", "unreadable_file", "symlink_loop")),
    "fifo.txt": (lambda raw, outside: os.mkfifo(raw / "fifo.txt"),
                 Rejected("ingest", "unreadable_file", "not_a_regular_file")),
    "folder.txt": (lambda raw, outside: (raw / "folder.txt").mkdir(),
                   Rejected("ingest", "unreadable_file", "not_a_regular_file")),
    "alias-symlink.txt": (_alias, Published(statements_include("\u201cI will miss the storms,\u201d she said."))),
    "alias-original.txt": (lambda raw, outside: None,
                           Published(statements_include("\u201cI will miss the storms,\u201d she said."))),
    "caf\\xff.txt": (lambda raw, outside: (raw / os.fsdecode(b"caf\xff.txt")).write_bytes(_story_bytes(26)),
                     Published(all_of(story_intact(26), field_is("source_path", "caf\\xff.txt")))),
    "changed-while-read.txt": (_write("changed-while-read.txt", _story_bytes(27)),
                               Rejected("ingest", "changed_during_read", "changed while it was read")),
}


def _counting_deadline(budget: float) -> Deadline:
    """The file's deadline on a clock of its own that moves one tick per reading: its work is its time."""
    return Deadline(budget, clock=itertools.count().__next__)


def _read_with_a_writer(real):
    """``io._read_at_most``, except that a writer appends to changed-while-read.txt in the middle of its read."""
    def read(fh, limit):
        if not os.readlink(f"/proc/self/fd/{fh.fileno()}").endswith("changed-while-read.txt"):
            return real(fh, limit)
        first = fh.read(5)
        with open(os.readlink(f"/proc/self/fd/{fh.fileno()}"), "ab") as out:
            out.write(b" A late paragraph.\n")
        return first + real(fh, None if limit is None else limit - len(first))
    return read


@pytest.fixture(scope="module")
def catalogue(prefect_harness, tmp_path_factory):
    raw, outside = tmp_path_factory.mktemp("raw"), tmp_path_factory.mktemp("outside")
    for plant, _ in KINDS.values():
        plant(raw, outside)
    curated = tmp_path_factory.mktemp("curated")
    config = RunConfig(raw_dir=raw, curated_dir=curated, max_file_bytes=MAX_FILE_BYTES,
                       file_timeout_s=TICKS_PER_FILE, build_data_docs=False)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(batches, "Deadline", _counting_deadline)  # the batches' clock (flows/batches.py)
        patch.setattr(io, "_read_at_most", _read_with_a_writer(io._read_at_most))
        summary = curate_module.curate(config)
    tables = {name: pq.read_table(curated / f"{name}.parquet").to_pylist()
              for name in ("documents", "statements", "removed_lines", "rejections")}
    return raw, curated, summary, tables


def _found(tables: dict, path: str) -> Found:
    docs = [d for d in tables["documents"] if d["source_path"] == path]
    assert len(docs) <= 1, docs
    doc = docs[0] if docs else None
    doc_id = doc["document_id"] if doc else None
    return Found(doc, [r for r in tables["rejections"] if r["source_path"] == path],
                 [s for s in tables["statements"] if s["document_id"] == doc_id],
                 [r for r in tables["removed_lines"] if r["document_id"] == doc_id])


def test_the_catalogue_holds_at_least_thirty_kinds():
    assert len(KINDS) >= 30


@pytest.mark.parametrize("name", list(KINDS))
def test_each_kind_of_bad_input_ends_as_it_should(catalogue, name):
    _, _, _, tables = catalogue
    KINDS[name][1].verify(_found(tables, name))


def test_every_raw_entry_ends_as_one_document_or_rejections_and_nothing_else_appears(catalogue):
    raw, _, summary, tables = catalogue
    listed = io.source_paths(raw, "*.txt")
    recorded = {d["source_path"] for d in tables["documents"]} | {r["source_path"] for r in tables["rejections"]}
    assert recorded == set(KINDS)
    assert len(listed) == len(KINDS)                                    # the odd name is listed as its own entry
    assert summary["rows"]["documents"] == sum(isinstance(e, Published) for _, e in KINDS.values())


def test_the_alias_inside_raw_is_an_exact_duplicate_of_its_target(catalogue):
    _, _, _, tables = catalogue
    docs = {d["source_path"]: d for d in tables["documents"]}
    alias, original = docs["alias-symlink.txt"], docs["alias-original.txt"]
    assert alias["source_sha256"] == original["source_sha256"]
    pair = {(doc["duplicate_of"], doc["is_exact_duplicate"]) for doc in (alias, original)}
    assert pair in ({(original["document_id"], True), (None, False)}, {(alias["document_id"], True), (None, False)})


def test_the_report_names_the_file_that_timed_out_and_the_files_refused(catalogue):
    _, curated, summary, _ = catalogue
    page = (curated / "reports" / "index.html").read_text(encoding="utf-8")
    for name in ("many-lines-timeout.txt", "too-large.txt", "future-date.txt"):
        assert f"<code>{name}</code>" in page, name
    assert summary["quarantined"] == {"documents.published_date.not_in_future": ["future-date.txt"]}
    (entry,) = io.read_history(curated / "reports" / "history.jsonl")
    assert entry["rejected_files"]["clean/timeout"] == {"files": ["many-lines-timeout.txt"], "count": 1}
    assert entry["status"] == "published"


def test_the_report_warns_of_the_dates_that_gave_no_publication_date(catalogue):
    _, curated, _, _ = catalogue
    (entry,) = io.read_history(curated / "reports" / "history.jsonl")
    assert "documents.published_date.read" in entry["warned_checks"]
    page = (curated / "reports" / "index.html").read_text(encoding="utf-8")
    for name, reason in (("feb-30.txt", "no_such_day"), ("year-1850.txt", "before_earliest_year")):
        assert f"{name}: date_text=" in page and reason in page, name
