"""Hand-written checks that one column's model cannot express: cross-table, content and corpus rules.

Every rule is vectorised over Arrow tables (pyarrow compute, numpy), never row by row, and returns one
CheckResult with a stable name ``<table>.<what>``. The rules read the tables through sources
(flows/quality/sources.py), never whole: a rule that judges each row alone (or each row against its own
document's text) runs on each lot of rows and its results are merged (``merged``); a rule across rows or
tables (keys, references, counts, dense ordinals, recurrences) reads only the narrow columns it compares.
Integrity rules are critical; the
content rules whose failing rows quarantine their document (flows.quality.quarantine.ROW_LEVEL_CHECKS)
share their predicates (``future_dates``, ``early_dates``, ``unknown_languages``, ``boilerplate_rows``)
with the quarantine; corpus-level shares (thresholds from QualityThresholds) are warnings.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import replace

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from flows.config import QualityThresholds
from flows.steps import lexicon as lex
from flows.quality.iso639 import ISO639_1
from flows.quality.results import CheckResult, Severity
from schemas.tables import TABLES, arrow_schema, column_specs, primary_key

MAX_EXAMPLES = 5
OFFSET_CHUNK_CHARS = 1_000_000

# Lines of site furniture that must never be part of a statement or paragraph (RE2 syntax, case-insensitive).
BOILERPLATE_PATTERNS: tuple[str, ...] = (
    r"please enter your (comment|name|email)",
    r"leave a (comment|reply)",
    r"you must be logged in to post a comment",
    r"twitter list\s*>>",
    r"©",
    r"copyright\s*(\(c\)|\d{4})",
    r"all rights reserved",
    rf"^\s*({'|'.join(lex.SHARE_BUTTONS)})( this( article| story| page)?)?\s*[:!]?\s*$",
    rf"\bshare (this|on) (article|story|page|{'|'.join(lex.SOCIAL_NETWORKS)})\b",
    r"\bsubscribe (to|for) (our |the )?(newsletter|channel|updates|alerts)\b",
    r"\bfollow us on\b",
    r"\brelated (stories|articles|news)\s*[:>]",
)

# Speaker names that are no name (RE2 syntax, case-insensitive): a URL anywhere in the name; a date or a heading
# as the whole name. Shape alone never makes a heading: names in capitals are common in transcripts
# ("JAKE TAPPER:"), so a heading is a colon at the end or one of the phrases pages put above a text.
# English month and weekday names, abbreviations of months too, from the lexicon (longest first: RE2 takes the first)
_MONTH_NAMES = sorted((w for names in lex.ENGLISH_MONTH_NAMES for w in names.split()), key=len, reverse=True)
_MONTH = rf"(?:{'|'.join(_MONTH_NAMES)})\.?"
_WEEKDAY = rf"(?:{'|'.join(lex.ENGLISH_WEEKDAY_NAMES[::2])})"
NOT_A_NAME_PATTERNS: tuple[tuple[str, str], ...] = (
    ("url", r"[a-z][a-z0-9+.-]*://|\bwww\.|[a-z0-9-]\.[a-z]{2,}/"),
    ("date", rf"^\W*(?:{_WEEKDAY},?\s*)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
             rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+\d{{4}})?|\d{{4}}-\d{{1,2}}-\d{{1,2}}"
             rf"|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|\d{{4}}|{_WEEKDAY})\W*$"),
    ("heading", r":\s*$|^\W*(?:full\s+text|transcript|excerpts?|editor'?s\s+note|short\s+reads|read\s+more"
                r"|related(?:\s+(?:stories|articles|news))?|updated?|breaking\s+news|watch|video|photos?)\W*$"),
)


# ---------------------------------------------------------------- helpers

def _np(values: pa.Array | pa.ChunkedArray, fill: object) -> np.ndarray:
    return pc.fill_null(values, fill).to_numpy(zero_copy_only=False)


def _short(value: object, limit: int = 60) -> str:
    text = "null" if value is None else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _row_check(name: str, table: str, rows: pa.Table, bad: np.ndarray, detail: Callable[[int], str],
               *, key: str | None = None, what: str = "rows") -> CheckResult:
    """A critical check failing on the rows where ``bad`` is True; examples name the rows by key."""
    bad_rows = np.flatnonzero(bad)
    key = key or (primary_key(TABLES[table]) if table in TABLES else None)
    keys = rows.column(key).take(pa.array(bad_rows[:MAX_EXAMPLES])).to_pylist() if key and len(bad_rows) else []
    examples = tuple(f"{key}={_short(k)}: {detail(int(i))}" for k, i in zip(keys, bad_rows[:MAX_EXAMPLES]))
    return CheckResult(name=name, table=table, severity="critical", success=len(bad_rows) == 0,
                       unexpected_count=int(len(bad_rows)), observed=f"{len(bad_rows)} of {rows.num_rows} {what} unexpected",
                       examples=examples, engine="rule")


def _error(name: str, table: str, severity: Severity, exc: Exception) -> CheckResult:
    return CheckResult(name=name, table=table, severity=severity, success=False, unexpected_count=0,
                       observed=f"error: {type(exc).__name__}: {exc}", examples=(), engine="rule")


def merged(parts: list[CheckResult], totals: list[int], what: str = "rows") -> CheckResult:
    """One check's results on each lot of rows (``totals``: the lots' sizes) as its result on the whole table:
    the unexpected rows summed, the first examples kept, the first error (a lot the check could not judge) winning."""
    if len(parts) == 1:
        return parts[0]
    errors = [p for p in parts if p.observed.startswith("error:")]
    if errors:
        return errors[0]
    bad = sum(p.unexpected_count for p in parts)
    examples = tuple(e for p in parts for e in p.examples)[:MAX_EXAMPLES]
    return replace(parts[0], success=all(p.success for p in parts), unexpected_count=bad, examples=examples,
                   observed=f"{bad} of {sum(totals)} {what} unexpected")


def by_lots(sources: dict, table: str, columns: list[str], job: Callable[[dict[str, pa.Table]], CheckResult | list],
            also: Callable[[pa.Table], dict[str, pa.Table]] | None = None) -> list[CheckResult]:
    """``job`` (tables -> check results) run on each lot of ``table``'s rows (``columns`` only, the other tables
    ``also`` gives for the lot), its results merged (``merged``)."""
    results, totals = [], []
    for lot in sources[table].lots(list(dict.fromkeys(columns))):
        found = job({table: lot, **(also(lot) if also else {})})
        results.append(found if isinstance(found, list) else [found])
        totals.append(lot.num_rows)
    return [merged([r[i] for r in results], totals) for i in range(len(results[0]))]


def _pk(table: str) -> str:
    return primary_key(TABLES[table])


def _utf32(values: pa.Array | pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray]:
    """All strings of an array as one array of code points, and each string's length in code points."""
    arr = pc.fill_null(values, "")
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks() if arr.num_chunks else pa.array([], pa.string())
    lengths = pc.utf8_length(arr).to_numpy(zero_copy_only=False).astype(np.int64)
    if len(arr) == 0 or arr.buffers()[2] is None:
        return np.zeros(0, np.uint32), lengths
    off_type = np.int64 if pa.types.is_large_string(arr.type) else np.int32
    offsets = np.frombuffer(arr.buffers()[1], dtype=off_type)[arr.offset: arr.offset + len(arr) + 1]
    raw = bytes(memoryview(arr.buffers()[2])[int(offsets[0]): int(offsets[-1])])
    return np.frombuffer(raw.decode("utf-8").encode("utf-32-le"), dtype=np.uint32), lengths


def offset_mismatches(documents: pa.Table, rows: pa.Table) -> np.ndarray:
    """True for each row whose ``text`` is not ``documents.clean_text[char_start:char_end]`` of its document.

    Rows whose document does not exist are not judged here (the references rule reports them).
    Vectorised: the document texts and row texts are compared as code-point arrays, chunk by chunk.
    """
    doc_index = pc.index_in(rows.column("document_id"), value_set=documents.column("document_id").combine_chunks())
    known = ~_np(pc.is_null(doc_index), True).astype(bool)
    d = _np(doc_index, 0).astype(np.int64)
    doc_len = pc.utf8_length(pc.fill_null(documents.column("clean_text"), "")).to_numpy().astype(np.int64) \
        if documents.num_rows else np.zeros(0, np.int64)
    start = _np(rows.column("char_start"), -1).astype(np.int64)
    end = _np(rows.column("char_end"), -1).astype(np.int64)
    texts = rows.column("text")
    tlen = pc.utf8_length(pc.fill_null(texts, "")).to_numpy(zero_copy_only=False).astype(np.int64) \
        if rows.num_rows else np.zeros(0, np.int64)
    bad = np.zeros(rows.num_rows, dtype=bool)
    if not known.any():
        return bad
    dl = np.where(known, doc_len[np.where(known, d, 0)] if len(doc_len) else 0, 0)
    bad = known & ((start < 0) | (end < start) | (end > dl) | (end - start != tlen))
    todo = np.flatnonzero(known & ~bad)
    clean = documents.column("clean_text")
    # chunks of about OFFSET_CHUNK_CHARS characters of row text, so memory stays bounded (~40 bytes a character:
    # ~40 MiB a chunk of 1M characters, whatever the corpus size)
    window = np.maximum(np.cumsum(tlen[todo]) - 1, 0) // OFFSET_CHUNK_CHARS
    for idx in np.split(todo, np.flatnonzero(np.diff(window)) + 1):
        if len(idx) == 0:
            continue
        docs, inverse = np.unique(d[idx], return_inverse=True)
        doc_codes, doc_lens = _utf32(clean.take(pa.array(docs)))
        doc_base = np.cumsum(doc_lens) - doc_lens
        row_codes, row_lens = _utf32(texts.take(pa.array(idx)))
        row_base = np.cumsum(row_lens) - row_lens
        shift = np.repeat(doc_base[inverse] + start[idx] - row_base, row_lens)
        positions = shift + np.arange(len(row_codes), dtype=np.int64)
        differs = doc_codes[positions] != row_codes
        per_row = np.bincount(np.repeat(np.arange(len(idx)), row_lens), weights=differs, minlength=len(idx))
        bad[idx[per_row > 0]] = True
    return bad


def _counts_by(rows: pa.Table, column: str) -> pa.Table:
    return rows.group_by(column).aggregate([([], "count_all")]).rename_columns([column, "n"])


# ---------------------------------------------------------------- critical rules

def _storage_type(t: pa.DataType) -> pa.DataType:
    """dictionary<values=string> counts as string: dictionary encoding is storage, not content."""
    return t.value_type if pa.types.is_dictionary(t) else t


def schema_matches_model(tables: dict[str, pa.Table]) -> list[CheckResult]:
    """``<table>.arrow_schema``: the table has exactly the model's columns, in order, with its Arrow types."""
    out = []
    for name, table in tables.items():
        if name not in TABLES:
            continue
        want = arrow_schema(TABLES[name])
        got = table.schema
        problems = [f"missing {f.name}" for f in want if f.name not in got.names]
        problems += [f"extra {n}" for n in got.names if n not in want.names]
        problems += [f"{f.name}: {got.field(f.name).type} (want {f.type})" for f in want
                     if f.name in got.names and not _storage_type(got.field(f.name).type).equals(f.type)]
        if not problems and got.names != want.names:
            problems.append("columns out of order")
        out.append(CheckResult(name=f"{name}.arrow_schema", table=name, severity="critical", success=not problems,
                               unexpected_count=len(problems),
                               observed=f"{len(problems)} column differences from {TABLES[name].__name__}",
                               examples=tuple(problems[:MAX_EXAMPLES]), engine="rule"))
    return out


def reference_check(rows: pa.Table, name: str, column: str, target: pa.Array, references: str) -> CheckResult:
    """``<table>.<column>.references`` on ``rows``: every non-null value is one of ``target`` (``references``)."""
    values = rows.column(column)
    present = _np(pc.is_in(values, value_set=target), True).astype(bool)
    is_null = _np(pc.is_null(values), True).astype(bool)
    return _row_check(f"{name}.{column}.references", name, rows, ~present & ~is_null,
                      lambda i: f"{column}={_short(values[i].as_py())} not in {references}")


def references(sources: dict) -> list[CheckResult]:
    """``<table>.<column>.references``: every non-null value exists in the column the model's hint names (that
    column read whole, the referring rows a lot at a time)."""
    out = []
    for name in sources:
        if name not in TABLES:
            continue
        for spec in column_specs(TABLES[name]):
            if not spec.references:
                continue
            target_table, target_column = spec.references.split(".")
            try:
                target = sources[target_table].read([target_column]).column(0).combine_chunks()
                out += by_lots(sources, name, [_pk(name), spec.name],
                               lambda t, n=name, c=spec.name, r=spec.references: reference_check(t[n], n, c, target, r))
            except Exception as exc:  # a broken table is reported, not raised
                out.append(_error(f"{name}.{spec.name}.references", name, "critical", exc))
    return out


def text_matches_offsets(tables: dict[str, pa.Table], table: str) -> CheckResult:
    """``<table>.text_matches_offsets``: text == documents.clean_text[char_start:char_end]."""
    rows = tables[table]
    bad = offset_mismatches(tables["documents"], rows)
    return _row_check(f"{table}.text_matches_offsets", table, rows, bad,
                      lambda i: f"[{rows['char_start'][i].as_py()}:{rows['char_end'][i].as_py()}] "
                                f"≠ {_short(rows['text'][i].as_py(), 40)!r}")


def paragraph_in_same_document(tables: dict[str, pa.Table]) -> CheckResult:
    """``statements.paragraph_in_same_document``: a statement's paragraph belongs to the statement's document."""
    st, pa_ = tables["statements"], tables["paragraphs"]
    index = pc.index_in(st.column("paragraph_id"), value_set=pa_.column("paragraph_id").combine_chunks())
    known = ~_np(pc.is_null(index), True).astype(bool)
    para_doc = pa_.column("document_id").take(pc.fill_null(index, 0)) if pa_.num_rows else pa.nulls(st.num_rows, pa.string())
    same = _np(pc.equal(st.column("document_id"), para_doc), False).astype(bool)
    bad = known & ~same
    return _row_check("statements.paragraph_in_same_document", "statements", st, bad,
                      lambda i: f"document {st['document_id'][i].as_py()} ≠ paragraph's {para_doc[i].as_py()}")


def ordinals_dense(tables: dict[str, pa.Table], table: str) -> CheckResult:
    """``<table>.ordinal_dense``: per document the ordinals are exactly 0..n-1."""
    rows = tables[table]
    agg = rows.group_by("document_id").aggregate(
        [("ordinal", "min"), ("ordinal", "max"), ("ordinal", "count_distinct"), ([], "count_all")])
    n = _np(agg.column("count_all"), 0)
    bad = ((_np(agg.column("ordinal_min"), -1) != 0) | (_np(agg.column("ordinal_max"), -1) != n - 1)
           | (_np(agg.column("ordinal_count_distinct"), -1) != n))
    return _row_check(f"{table}.ordinal_dense", table, agg, bad, key="document_id", what="documents",
                      detail=lambda i: f"{n[i]} rows, ordinals {agg['ordinal_min'][i].as_py()}.."
                                       f"{agg['ordinal_max'][i].as_py()}, {agg['ordinal_count_distinct'][i].as_py()} distinct")


def speaker_matches_mode(tables: dict[str, pa.Table]) -> list[CheckResult]:
    """``statements.narration_has_no_speaker``, ``statements.non_narration_has_speaker`` and
    ``statements.speaker_id_matches_speaker`` (a statement has a speaker_id exactly when it has a speaker)."""
    st = tables["statements"]
    narration = _np(pc.equal(st.column("mode"), "narration"), False).astype(bool)
    speaker = pc.utf8_trim_whitespace(pc.fill_null(st.column("speaker"), ""))
    has_speaker = _np(pc.greater(pc.utf8_length(speaker), 0), False).astype(bool)
    detail = lambda i: f"mode={st['mode'][i].as_py()}, speaker={_short(st['speaker'][i].as_py())}"  # noqa: E731
    return [
        _row_check("statements.narration_has_no_speaker", "statements", st, narration & has_speaker, detail),
        _row_check("statements.non_narration_has_speaker", "statements", st, ~narration & ~has_speaker, detail),
        _row_check("statements.speaker_id_matches_speaker", "statements", st,
                   has_speaker == _np(pc.is_null(st.column("speaker_id")), True).astype(bool),
                   lambda i: f"speaker={_short(st['speaker'][i].as_py())}, speaker_id={st['speaker_id'][i].as_py()}"),
    ]


def cue_span_within_statement(tables: dict[str, pa.Table]) -> CheckResult:
    """``statements.cue_span_within_statement``: cue_char_start and cue_char_end are both null or both
    set; a set span is not empty, lies inside the statement's [char_start, char_end), and belongs to a
    statement whose cue is a reporting verb or phrase (no cue, or the cue 'label', has no span)."""
    st = tables["statements"]
    start_null = _np(pc.is_null(st.column("cue_char_start")), True).astype(bool)
    end_null = _np(pc.is_null(st.column("cue_char_end")), True).astype(bool)
    cue_start, cue_end = _np(st.column("cue_char_start"), -1), _np(st.column("cue_char_end"), -1)
    start, end = _np(st.column("char_start"), -1), _np(st.column("char_end"), -1)
    cue = pc.fill_null(st.column("cue"), "")
    no_cue = _np(pc.or_(pc.equal(cue, ""), pc.equal(cue, "label")), True).astype(bool)
    outside = (cue_start >= cue_end) | (cue_start < start) | (cue_end > end) | no_cue
    bad = (start_null != end_null) | (~start_null & ~end_null & outside)
    return _row_check("statements.cue_span_within_statement", "statements", st, bad,
                      lambda i: f"cue={_short(st['cue'][i].as_py())} at [{st['cue_char_start'][i].as_py()}:"
                                f"{st['cue_char_end'][i].as_py()}], statement at [{start[i]}:{end[i]}]")


def future_dates(docs: pa.Table, *, today: dt.date) -> np.ndarray:
    """True for each document published after ``today`` (a row-level content defect)."""
    return _np(pc.greater(docs.column("published_date"), pa.scalar(today, pa.date32())), False).astype(bool)


def early_dates(docs: pa.Table, *, earliest_year: int) -> np.ndarray:
    """True for each document published before 1 January of ``earliest_year`` (a row-level content defect)."""
    earliest = pa.scalar(dt.date(earliest_year, 1, 1), pa.date32())
    return _np(pc.less(docs.column("published_date"), earliest), False).astype(bool)


def unknown_languages(docs: pa.Table) -> np.ndarray:
    """True for each document whose language is set but not an ISO 639-1 code (e.g. ``yue`` from the
    language detector): the rows the GX expectation ``documents.language.iso639_1`` finds unexpected."""
    language = docs.column("language")
    known = _np(pc.is_in(language, value_set=pa.array(sorted(ISO639_1), pa.string())), False).astype(bool)
    return ~known & ~_np(pc.is_null(language), True).astype(bool)


def boilerplate_rows(rows: pa.Table, patterns: Iterable[str] = BOILERPLATE_PATTERNS) -> np.ndarray:
    """True for each row whose ``text`` looks like site furniture (comment forms, share lines, ©…)."""
    pattern = "|".join(f"(?:{p})" for p in patterns)
    return _np(pc.match_substring_regex(rows.column("text"), pattern, ignore_case=True), False).astype(bool)


def unlike_names(rows: pa.Table, column: str = "name") -> np.ndarray:
    """True for each row whose ``column`` (a speaker's name) looks like a heading, a date or a URL, not a name
    (``NOT_A_NAME_PATTERNS``)."""
    pattern = "|".join(f"(?:{p})" for _, p in NOT_A_NAME_PATTERNS)
    return _np(pc.match_substring_regex(rows.column(column), pattern, ignore_case=True), False).astype(bool)


def speaker_names(tables: dict[str, pa.Table]) -> CheckResult:
    """``document_speakers.name.looks_like_name``: no speaker is named by a heading, a date or a URL. A warning
    that names the rows: one bad speaker label ('Video:') must not take a whole document's statements out of
    the dataset, as a quarantine would."""
    rows = tables["document_speakers"]
    return replace(_row_check("document_speakers.name.looks_like_name", "document_speakers", rows, unlike_names(rows),
                              lambda i: repr(_short(rows["name"][i].as_py()))), severity="warning")


def unread_dates(tables: dict[str, pa.Table]) -> CheckResult:
    """``documents.published_date.read``: every date the header writes gave a published date. A warning that
    names the raw file, the text and why not (``documents.date_problem``: February 30, a year such as 1850): the
    document keeps its rows, its published_date null."""
    docs = tables["documents"]
    problem, text, path = docs.column("date_problem"), docs.column("date_text"), docs.column("source_path")
    return replace(_row_check("documents.published_date.read", "documents", docs, _np(pc.is_valid(problem), False),
                              lambda i: f"{path[i].as_py()}: date_text={text[i].as_py()!r} is "
                                        f"{problem[i].as_py()}"), severity="warning")


ROW_WARNINGS = (("document_speakers.name.looks_like_name", "document_speakers", ["name"], speaker_names),
                ("documents.published_date.read", "documents", ["date_problem", "date_text", "source_path"],
                 unread_dates))


def row_warnings(sources: dict) -> list[CheckResult]:
    """The warnings that name rows without quarantining their document, a lot of rows at a time; recomputed on
    what is published."""
    out = []
    for name, table, columns, job in ROW_WARNINGS:
        try:
            out += by_lots(sources, table, [_pk(table), *columns], job)
        except Exception as exc:  # a broken table is reported, not raised
            out.append(_error(name, table, "warning", exc))
    return out


def publication_dates(tables: dict[str, pa.Table], *, today: dt.date, earliest_year: int) -> list[CheckResult]:
    """``documents.published_date.not_in_future`` and ``documents.published_date.not_before_earliest_year``."""
    docs = tables["documents"]
    dates = docs.column("published_date")
    detail = lambda i: f"published_date={dates[i].as_py()}"  # noqa: E731
    return [
        _row_check("documents.published_date.not_in_future", "documents", docs, future_dates(docs, today=today),
                   detail),
        _row_check("documents.published_date.not_before_earliest_year", "documents", docs,
                   early_dates(docs, earliest_year=earliest_year), detail),
    ]


def no_boilerplate(tables: dict[str, pa.Table], table: str,
                   patterns: Iterable[str] = BOILERPLATE_PATTERNS) -> CheckResult:
    """``<table>.no_boilerplate``: no text looks like site furniture (comment forms, share lines, ©…)."""
    rows = tables[table]
    return _row_check(f"{table}.no_boilerplate", table, rows, boilerplate_rows(rows, patterns),
                      lambda i: repr(_short(rows["text"][i].as_py())))


def char_count_consistent(tables: dict[str, pa.Table]) -> CheckResult:
    """``documents.char_count_consistent``: char_count is the length of clean_text."""
    docs = tables["documents"]
    chars = pc.utf8_length(pc.fill_null(docs.column("clean_text"), ""))
    return _row_check("documents.char_count_consistent", "documents", docs,
                      ~_np(pc.equal(chars, docs.column("char_count")), False).astype(bool),
                      lambda i: f"char_count={docs['char_count'][i].as_py()}, len(clean_text)={chars[i].as_py()}")


COUNTED_CHILDREN = (("documents", "document_id", "paragraph_count", "paragraphs"),
                    ("documents", "document_id", "statement_count", "statements"),
                    ("paragraphs", "paragraph_id", "statement_count", "statements"),
                    ("speakers", "speaker_id", "statement_count", "statements"))


def declared_counts_consistent(sources: dict) -> list[CheckResult]:
    """``documents.paragraph_count_consistent``, ``documents.statement_count_consistent``,
    ``paragraphs.statement_count_consistent``, ``speakers.statement_count_consistent``: each declared count is
    the number of child rows (the parent's key and count and the child's key column read, one pair at a time)."""
    out = []
    for owner, key, count_col, child in COUNTED_CHILDREN:
        parent = sources[owner].read([key, count_col])
        counts = _counts_by(sources[child].read([key]), key)
        index = pc.index_in(parent.column(key), value_set=counts.column(key).combine_chunks())
        actual = np.where(_np(pc.is_null(index), True).astype(bool), 0,
                          _np(counts.column("n"), 0)[_np(index, 0).astype(np.int64)] if counts.num_rows else 0)
        declared = _np(parent.column(count_col), -1)
        out.append(_row_check(f"{owner}.{count_col}_consistent", owner, parent, declared != actual,
                              lambda i, d=declared, a=actual, c=count_col, ch=child: f"{c}={d[i]}, {ch} rows={a[i]}"))
    return out


def repeated_in_documents_consistent(tables: dict[str, pa.Table]) -> CheckResult:
    """``statements.repeated_in_documents_consistent``: each statement's count equals the number of distinct
    documents, near-duplicates left out, that hold a statement of its fingerprint (recounted here, apart from the
    step that wrote it: :func:`recounted_documents_per_fingerprint`)."""
    docs, rows = tables["documents"], tables["statements"]
    counted = docs.filter(pc.is_null(docs.column("duplicate_of"))).column("document_id").combine_chunks()
    kept = _np(pc.is_in(rows.column("document_id"), value_set=counted), False).astype(bool)
    actual = recounted_documents_per_fingerprint(rows.column("fingerprint"), rows.column("document_id"), kept)
    declared = _np(rows.column("repeated_in_documents"), -1)
    return _row_check("statements.repeated_in_documents_consistent", "statements", rows, declared != actual,
                      lambda i: f"repeated_in_documents={declared[i]}, documents with its fingerprint={actual[i]}")


def _run_starts(ranked: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """For sorted values without nulls, True where a value differs from the one before it (the first always): the
    starts of the runs of equal values."""
    starts = np.ones(len(ranked), dtype=bool)
    if len(ranked) > 1:
        starts[1:] = _np(pc.not_equal(ranked.slice(1), ranked.slice(0, len(ranked) - 1)), True)
    return starts


def recounted_documents_per_fingerprint(fingerprints: pa.ChunkedArray | pa.Array,
                                        document_ids: pa.ChunkedArray | pa.Array, counted: np.ndarray) -> np.ndarray:
    """For each row, the number of distinct documents among the rows where ``counted`` is True that hold its
    fingerprint (a null read as the empty string). The rows sorted by fingerprint and document, each run of one
    fingerprint counted where a counted document starts, the counts put back in row order: a hash group-by with a
    distinct count per fingerprint held far more (at 823,035 statements the check's peak +303 -> +195 MiB)."""
    n = len(fingerprints)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    pairs = pa.table({"f": pc.fill_null(fingerprints, ""), "d": pc.fill_null(document_ids, "")})
    order = pc.sort_indices(pairs, sort_keys=[("f", "ascending"), ("d", "ascending")])
    new_fingerprint = _run_starts(pc.take(pairs.column("f"), order))
    new_pair = new_fingerprint | _run_starts(pc.take(pairs.column("d"), order))
    rows = order.to_numpy()
    run = np.cumsum(new_fingerprint) - 1
    documents = np.bincount(run[new_pair & counted[rows]], minlength=int(run[-1]) + 1)
    out = np.empty(n, dtype=np.int64)
    out[rows] = documents[run]
    return out


def _offsets(sources: dict, table: str) -> list[CheckResult]:
    """``<table>.text_matches_offsets`` a lot of rows at a time, each lot with the texts of its documents."""
    def texts(lot: pa.Table) -> dict[str, pa.Table]:
        ids = pc.unique(lot.column("document_id").combine_chunks())
        return {"documents": sources["documents"].rows_where("document_id", ids, ["document_id", "clean_text"])}
    return by_lots(sources, table, [_pk(table), "document_id", "char_start", "char_end", "text"],
                   lambda t: text_matches_offsets(t, table), texts)


def _narrow(sources: dict, columns: dict[str, list[str]]) -> dict[str, pa.Table]:
    return {name: sources[name].read(cols) for name, cols in columns.items()}


def critical_rules(sources: dict, *, thresholds: QualityThresholds, today: dt.date) -> list[CheckResult]:
    """All critical hand-written rules on the tables ``sources`` gives (flows/quality/sources.py); a rule that
    cannot run (broken table) fails with the error as observed."""
    st_key, doc_key = _pk("statements"), _pk("documents")
    out = schema_matches_model(sources) + references(sources)
    jobs: list[tuple[str, str, Callable[[], CheckResult | list[CheckResult]]]] = [
        ("paragraphs.text_matches_offsets", "paragraphs", lambda: _offsets(sources, "paragraphs")),
        ("statements.text_matches_offsets", "statements", lambda: _offsets(sources, "statements")),
        ("statements.paragraph_in_same_document", "statements", lambda: by_lots(
            sources, "statements", [st_key, "paragraph_id", "document_id"], paragraph_in_same_document,
            lambda _lot, p=_narrow(sources, {"paragraphs": ["paragraph_id", "document_id"]}): p)),
        ("paragraphs.ordinal_dense", "paragraphs",
         lambda: ordinals_dense(_narrow(sources, {"paragraphs": ["document_id", "ordinal"]}), "paragraphs")),
        ("statements.ordinal_dense", "statements",
         lambda: ordinals_dense(_narrow(sources, {"statements": ["document_id", "ordinal"]}), "statements")),
        ("statements.speaker_matches_mode", "statements", lambda: by_lots(
            sources, "statements", [st_key, "mode", "speaker", "speaker_id"], speaker_matches_mode)),
        ("statements.cue_span_within_statement", "statements", lambda: by_lots(
            sources, "statements", [st_key, "cue", "cue_char_start", "cue_char_end", "char_start", "char_end"],
            cue_span_within_statement)),
        ("documents.published_date", "documents", lambda: by_lots(
            sources, "documents", [doc_key, "published_date"],
            lambda t: publication_dates(t, today=today, earliest_year=thresholds.earliest_published_year))),
        ("paragraphs.no_boilerplate", "paragraphs", lambda: by_lots(
            sources, "paragraphs", [_pk("paragraphs"), "text"], lambda t: no_boilerplate(t, "paragraphs"))),
        ("statements.no_boilerplate", "statements", lambda: by_lots(
            sources, "statements", [st_key, "text"], lambda t: no_boilerplate(t, "statements"))),
        ("documents.counts_consistent", "documents", lambda: by_lots(
            sources, "documents", [doc_key, "clean_text", "char_count"], char_count_consistent)
         + declared_counts_consistent(sources)),
        ("statements.repeated_in_documents_consistent", "statements",
         lambda: repeated_in_documents_consistent(_narrow(sources, {
             "documents": ["document_id", "duplicate_of"],
             "statements": [st_key, "fingerprint", "document_id", "repeated_in_documents"]}))),
    ]
    for name, table, job in jobs:
        try:
            result = job()
        except Exception as exc:  # a broken table is reported, not raised
            result = _error(name, table, "critical", exc)
        out.extend(result if isinstance(result, list) else [result])
    return out


def repeated_values(values: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """True for each row whose non-null value occurs in another row too: the values sorted (nulls last), each
    equal to its neighbour marked, the marks put back in row order. A key column's values are nearly all distinct,
    and a hash group-by of them held a copy of each besides its table (at 823,035 statement ids: +99 MiB and
    0.9 s; sorted, +45 MiB and 0.3 s)."""
    order = pc.array_sort_indices(values, null_placement="at_end")
    ranked = pc.take(values, order)
    valid = len(ranked) - ranked.null_count
    marks = np.zeros(len(ranked), dtype=bool)
    if valid > 1:
        same = ~_run_starts(ranked.slice(0, valid))[1:]
        marks[1:valid] |= same
        marks[:valid - 1] |= same
    repeated = np.zeros(len(ranked), dtype=bool)
    repeated[order.to_numpy()] = marks
    return repeated


def unique_keys(sources: dict, keys: list[tuple[str, str, str]]) -> list[CheckResult]:
    """``<table>.<column>.unique`` for each (check name, table, column) in ``keys``: no non-null value twice in the
    whole column (read alone, a narrow column); the unexpected rows are every row whose value recurs, the
    examples the first five of them in table order (as GX's ExpectColumnValuesToBeUnique gives them)."""
    out = []
    for name, table, column in keys:
        try:
            values = sources[table].read([column]).column(0)
            hits = np.flatnonzero(repeated_values(values))
            examples = tuple(f"{column}={_short(values[int(i)].as_py())}" for i in hits[:MAX_EXAMPLES])
            out.append(CheckResult(name=name, table=table, severity="critical", success=len(hits) == 0,
                                   unexpected_count=int(len(hits)), examples=examples, engine="rule",
                                   observed=f"{len(hits)} of {len(values)} rows unexpected"))
        except Exception as exc:  # a broken table is reported, not raised
            out.append(_error(name, table, "critical", exc))
    return out


# ---------------------------------------------------------------- corpus warnings

def _share(name: str, table: str, count: int, total: int, limit: float, what: str) -> CheckResult:
    share = count / total if total else (1.0 if count else 0.0)
    return CheckResult(name=name, table=table, severity="warning", success=share <= limit, unexpected_count=int(count),
                       observed=f"{share:.1%} ({count} of {total} {what}); max {limit:.0%}", examples=(), engine="rule")


def _count_true(values: pa.ChunkedArray | pa.Array) -> int:
    return int(pc.sum(values).as_py() or 0)


def rejected_files(rejections: pa.Table) -> int:
    """Raw files with at least one rejection (a quarantined document gives a row for each of its records)."""
    return len(pc.unique(rejections.column("source_path"))) if rejections.num_rows else 0


SHARE_COLUMNS = {"documents": ["published_date", "title", "statement_count", "duplicate_of"], "statements": ["mode"],
                 "rejections": ["source_path"]}   # what the corpus shares read (narrow columns)


def corpus_warnings(sources: dict, *, thresholds: QualityThresholds, files_read: int) -> list[CheckResult]:
    """Corpus-level shares against QualityThresholds; breaking one is a warning, not a failed run."""
    try:
        narrow = _narrow(sources, SHARE_COLUMNS)
    except Exception as exc:  # a broken table is reported, not raised
        return [_error("documents.shares", "documents", "warning", exc)]
    docs, st, rej = narrow["documents"], narrow["statements"], narrow["rejections"]
    n, t = docs.num_rows, thresholds
    shares: list[tuple[str, str, Callable[[], int], int, float, str]] = [
        ("documents.share_without_date", "documents", lambda: docs.column("published_date").null_count, n,
         t.max_share_without_date, "documents"),
        ("documents.share_without_title", "documents",
         lambda: n - _count_true(pc.greater(pc.utf8_length(pc.fill_null(docs.column("title"), "")), 0)), n,
         t.max_share_without_title, "documents"),
        ("documents.share_empty", "documents", lambda: _count_true(pc.equal(docs.column("statement_count"), 0)), n,
         t.max_share_empty_documents, "documents"),
        ("statements.share_narration", "statements", lambda: _count_true(pc.equal(st.column("mode"), "narration")),
         st.num_rows, t.max_share_narration, "statements"),
        ("rejections.rejection_rate", "rejections", lambda: rejected_files(rej), files_read, t.max_rejection_rate,
         "files read"),
        ("documents.duplicate_rate", "documents", lambda: n - docs.column("duplicate_of").null_count, n,
         t.max_duplicate_rate, "documents"),
    ]
    out = []
    for name, table, count, total, limit, what in shares:
        try:
            out.append(_share(name, table, count(), total, limit, what))
        except Exception as exc:  # a broken table is reported, not raised
            out.append(_error(name, table, "warning", exc))
    return out
