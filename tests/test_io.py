import os

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from flows import io
from schemas.records import Statement
from schemas.tables import arrow_schema, dictionary_columns


def _rows(n=3):
    return [dict(statement_id=f"{i:016x}", document_id="1" * 16, paragraph_id="2" * 16, ordinal=i,
                 char_start=i * 6, char_end=i * 6 + 5, text="Hello", mode="direct" if i else "narration",
                 speaker="Xi Jinping" if i else None, speaker_role=None, cue="said" if i else None,
                 cue_char_start=i * 6 + 1 if i else None, cue_char_end=i * 6 + 3 if i else None,
                 is_question=False, attribution_rule="quote_speaker" if i else "narration",
                 fingerprint="3" * 16, repeated_in_documents=1,
                 source_path="a.txt", source_sha256="f" * 64, run_id="r", pipeline_version="0") for i in range(n)]


def test_parquet_round_trip_keeps_explicit_schema_and_metadata(tmp_path):
    schema = arrow_schema(Statement)
    table = io.table_from_rows(_rows(), schema)
    path = io.write_parquet_atomic(table, tmp_path / "statements.parquet",
                                   dictionary_columns=dictionary_columns(Statement))
    back = pq.read_table(path)
    assert back.schema.equals(schema, check_metadata=False)
    assert back.schema.metadata[b"schema_version"] == schema.metadata[b"schema_version"]
    assert back.to_pylist() == table.to_pylist()
    meta = pq.ParquetFile(path).metadata
    column = meta.row_group(0).column(back.schema.get_field_index("mode"))
    assert column.compression == "ZSTD"
    assert any("DICTIONARY" in str(e) for e in column.encodings)


def test_empty_rows_still_give_the_full_schema(tmp_path):
    table = io.table_from_rows([], arrow_schema(Statement))
    io.write_parquet_atomic(table, tmp_path / "s.parquet")
    assert pq.read_table(tmp_path / "s.parquet").schema.names == arrow_schema(Statement).names


def test_failed_write_leaves_previous_file_and_no_temp_file(tmp_path, monkeypatch):
    path = tmp_path / "statements.parquet"
    io.write_parquet_atomic(io.table_from_rows(_rows(2), arrow_schema(Statement)), path)
    before = path.read_bytes()

    def crash(writer, table, *args, **kwargs):   # the writer has opened its temporary file and written to it
        raise OSError("disk full")

    monkeypatch.setattr(io.pq.ParquetWriter, "write_table", crash)
    with pytest.raises(OSError):
        io.write_parquet_atomic(io.table_from_rows(_rows(3), arrow_schema(Statement)), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["statements.parquet"]


def test_rows_that_do_not_fit_the_schema_are_refused():
    with pytest.raises((pa.ArrowInvalid, pa.ArrowTypeError, TypeError)):
        io.table_from_rows([{**_rows(1)[0], "ordinal": "first"}], arrow_schema(Statement))


def test_source_paths_are_sorted_and_missing_folder_is_an_error(tmp_path):
    (tmp_path / "b.txt").write_text("b")
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "c.md").write_text("c")
    assert [p.name for p in io.source_paths(tmp_path, "*.txt")] == ["a.txt", "b.txt"]
    with pytest.raises(FileNotFoundError):
        io.source_paths(tmp_path / "nope", "*.txt")


def test_history_appends_one_entry_per_run(tmp_path):
    path = tmp_path / "reports" / "history.jsonl"
    io.append_history({"run_id": "r1", "statements": 3}, path)
    io.append_history({"run_id": "r2", "statements": 4}, path)
    assert [h["run_id"] for h in io.read_history(path)] == ["r1", "r2"]


# ---------------------------------------------------------------- raw entries that are not plain files (issue 9)

def _reason_of(path, **kwargs):
    """The reason code ``read_bytes`` refuses ``path`` with (it must refuse, never block or return)."""
    with pytest.raises(io.UnusableSourceError) as info:
        io.read_bytes(path, **kwargs)
    assert str(info.value).startswith(info.value.reason + ": ")
    assert isinstance(info.value, OSError)  # what curate_batch records as an unreadable_file rejection
    return info.value.reason


def test_special_entries_named_txt_are_listed_and_refused_with_a_reason(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "plain.txt").write_text("A plain file.")
    os.mkfifo(raw / "fifo.txt")                              # planted: a FIFO (opening it would block)
    (raw / "dangling.txt").symlink_to(raw / "gone.txt")     # planted: a symlink to nothing
    (raw / "loop-a.txt").symlink_to(raw / "loop-b.txt")     # planted: two symlinks to each other
    (raw / "loop-b.txt").symlink_to(raw / "loop-a.txt")
    (raw / "folder.txt").mkdir()                             # planted: a directory named like a raw file
    listed = [p.name for p in io.source_paths(raw, "*.txt")]
    assert listed == ["dangling.txt", "fifo.txt", "folder.txt", "loop-a.txt", "loop-b.txt", "plain.txt"]
    assert _reason_of(raw / "fifo.txt") == "not_a_regular_file"
    assert _reason_of(raw / "dangling.txt") == "broken_symlink"
    assert _reason_of(raw / "loop-a.txt") == "symlink_loop"
    assert _reason_of(raw / "folder.txt") == "not_a_regular_file"
    assert io.read_bytes(raw / "plain.txt") == b"A plain file."


def test_symlinks_are_followed_only_inside_the_raw_folder(tmp_path):
    raw, elsewhere = tmp_path / "raw", tmp_path / "elsewhere"
    raw.mkdir()
    elsewhere.mkdir()
    (raw / "story.txt").write_bytes(b"Inside.")
    (elsewhere / "hostname").write_bytes(b"secret-host\n")
    (raw / "alias.txt").symlink_to("story.txt")                      # inside: read as the file it names
    (raw / "escape.txt").symlink_to(elsewhere / "hostname")           # planted: leads out of raw/
    (raw / "sub").mkdir()
    (raw / "sub" / "up.txt").symlink_to(raw / "story.txt")            # inside raw/, not inside raw/sub/
    assert io.read_bytes(raw / "alias.txt") == b"Inside."
    assert _reason_of(raw / "escape.txt") == "outside_raw_folder"
    assert _reason_of(raw / "escape.txt", raw_dir=raw) == "outside_raw_folder"
    assert io.read_bytes(raw / "sub" / "up.txt", raw_dir=raw) == b"Inside."


# ---------------------------------------------------------------- bounded reads (issue 9)

def _rejection_of(path, **kwargs):
    """The ``RejectedSourceError`` ``read_bytes`` raises for ``path`` (an OSError, as curate_batch expects)."""
    with pytest.raises(io.RejectedSourceError) as info:
        io.read_bytes(path, **kwargs)
    assert isinstance(info.value, OSError)
    return info.value


def test_a_file_over_the_size_limit_is_too_large_and_never_read(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        fh.truncate(8 * 2**30)            # planted: an 8 GiB sparse file; reading it would take minutes and memory
    err = _rejection_of(path, max_bytes=1000)
    assert err.reason == "too_large"
    assert "8,589,934,592 bytes" in str(err) and "1,000" in str(err)


def test_a_file_of_exactly_the_size_limit_is_read(tmp_path):
    path = tmp_path / "edge.txt"
    path.write_bytes(b"x" * 1000)
    assert io.read_bytes(path, max_bytes=1000) == b"x" * 1000
    assert _rejection_of(path, max_bytes=999).reason == "too_large"


def _writer_in_the_middle(path, monkeypatch, change):
    """Make ``read_bytes`` read half the file, let ``change(path)`` act on it, then read the rest."""
    real = io._read_at_most

    def read_with_a_writer(fh, limit):
        first = fh.read(5)
        change(path)
        return first + real(fh, None if limit is None else limit - len(first))

    monkeypatch.setattr(io, "_read_at_most", read_with_a_writer)


def _appended(path):
    with open(path, "ab") as fh:
        fh.write(b" A late paragraph.")


def _truncated(path):
    os.truncate(path, 3)


def _rewritten_same_size(path):
    with open(path, "r+b") as fh:
        fh.write(b"X" * len(path.read_bytes()))
    info = os.stat(path)
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 10**9))   # a second later, however coarse the clock


@pytest.mark.parametrize("change, seen", [
    pytest.param(_appended, "size 24 -> 42 bytes", id="appended while read"),
    pytest.param(_truncated, "size 24 -> 3 bytes", id="truncated while read"),
    pytest.param(_rewritten_same_size, "modification time changed", id="rewritten in place, same size"),
])
@pytest.mark.parametrize("max_bytes", [None, 1000])
def test_a_file_that_changes_while_it_is_read_is_rejected(tmp_path, monkeypatch, change, seen, max_bytes):
    path = tmp_path / "story.txt"
    path.write_bytes(b"The first paragraph.\nOK.")
    _writer_in_the_middle(path, monkeypatch, change)
    err = _rejection_of(path, max_bytes=max_bytes)
    assert err.reason == "changed_during_read"
    assert seen in str(err)


def test_a_file_that_grows_past_the_limit_while_read_is_read_no_further(tmp_path, monkeypatch):
    path = tmp_path / "story.txt"
    path.write_bytes(b"The first paragraph.\nOK.")
    read = []
    real = io._read_at_most

    def grows(fh, limit):                # planted: a writer appends a megabyte during the read
        with open(path, "ab") as out:
            out.write(b"x" * 2**20)
        read.append(real(fh, limit))
        return read[-1]

    monkeypatch.setattr(io, "_read_at_most", grows)
    assert _rejection_of(path, max_bytes=100).reason == "changed_during_read"
    assert len(read[0]) == 101


def test_an_unchanged_file_reads_the_same_with_or_without_a_limit(tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes(b"The first paragraph.\nOK.")
    assert io.read_bytes(path) == io.read_bytes(path, max_bytes=24) == b"The first paragraph.\nOK."


# ---------------------------------------------------------------- published files readable as the umask says (issue 9)

@pytest.fixture
def umask():
    """Set the process umask for one test (tests run in one thread) and put the old one back."""
    old = os.umask(0o022)
    yield lambda mask: os.umask(mask)
    os.umask(old)


def _mode(path):
    return os.stat(path).st_mode & 0o777


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664), (0o077, 0o600)])
def test_written_files_take_the_mode_the_umask_gives_not_mkstemps_0600(tmp_path, umask, mask, mode):
    umask(mask)
    table = io.write_parquet_atomic(io.table_from_rows(_rows(1), arrow_schema(Statement)), tmp_path / "s.parquet")
    text = io.write_text_atomic("{}\n", tmp_path / "reports" / "manifest.json")
    assert (_mode(table), _mode(text)) == (mode, mode)


def test_a_published_snapshot_is_readable_by_others_under_the_usual_umask(tmp_path, umask):
    umask(0o022)
    curated = tmp_path / "curated"
    staged = {"statements": io.write_parquet_atomic(io.table_from_rows(_rows(2), arrow_schema(Statement)),
                                                    curated / ".staging-r" / "tables" / "statements.parquet")}
    snapshot, _ = io.published_snapshot(staged, curated, run_id="r", pipeline_version="0",
                                        build_dir=curated / ".staging-r" / "snapshot", keep=3)
    assert {p.name: _mode(p) for p in snapshot.iterdir()} == {"statements.parquet": 0o644, "manifest.json": 0o644}


def test_the_umask_is_read_without_changing_it_and_without_proc(umask, monkeypatch):
    umask(0o027)
    assert io._umask_from_proc() in (0o027, None)                  # None only where /proc has no Umask line
    monkeypatch.setattr(io, "_umask_from_proc", lambda: None)      # planted: no /proc (not Linux)
    io._umask_set_and_restored.cache_clear()
    try:
        assert io.new_file_mode() == 0o640
        assert os.umask(0o027) == 0o027                            # left as it was
    finally:
        io._umask_set_and_restored.cache_clear()
