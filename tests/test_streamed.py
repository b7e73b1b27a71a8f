"""The corpus-level steps on the staged Parquet, some rows at a time (flows/streamed.py), give the tables the
whole-table steps give; the parts are joined in the raw files' order; the streaming writer never leaves half a file."""
from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from flows import incremental, io, memory, streamed
from flows.steps import assemble, clean
from schemas.tables import TABLES, arrow_schema
from tests.quality.conftest import DEFAULT_BODY, build_tables, corpus, with_values

OTHER_BODY = [[("The harbour council met on Tuesday.", "narration", None),
               ("The forum opened in Beijing.", "narration", None),
               ("\u201cThe ferry will run again in May,\u201d Xi said.", "direct", "Xi Jinping")]]


def _pre_corpus(tables: dict[str, pa.Table]) -> dict[str, pa.Table]:
    """The tables as the batches write them: no duplicate marked, no corpus speaker, each sentence counted once."""
    docs = tables["documents"]
    out = {**tables, "documents": with_values(docs, "duplicate_of", {i: None for i in range(docs.num_rows)})}
    st = tables["statements"]
    out["statements"] = with_values(with_values(st, "repeated_in_documents", {i: 1 for i in range(st.num_rows)}),
                                    "speaker_id", {i: None for i in range(st.num_rows)})
    out["speakers"] = arrow_schema(TABLES["speakers"]).empty_table()
    return out


def _written_parts(tables: dict[str, pa.Table], root: Path, parts: list[list[str]]) -> None:
    """Each table's rows of the raw files ``parts[i]`` written as batch part i."""
    for name, table in tables.items():
        for i, paths in enumerate(parts):
            rows = table.filter(pc.is_in(table.column("source_path"), value_set=pa.array(paths))) \
                if "source_path" in table.column_names else table
            io.write_parquet_atomic(rows, root / name / f"part-{i:05d}.parquet")


@pytest.fixture
def dataset() -> dict[str, pa.Table]:
    """Three raw files: 000 and 002 hold the same text (002 is an exact duplicate of 000), 001 another text in
    which Xi speaks too (one corpus speaker for both documents) and a sentence of the others recurs."""
    return _pre_corpus(corpus(build_tables(doc_no=0), build_tables(OTHER_BODY, doc_no=1),
                              build_tables(DEFAULT_BODY, doc_no=2)))


def test_streamed_corpus_steps_give_the_whole_table_steps_tables(dataset, tmp_path, monkeypatch) -> None:
    """Defect planted: a step that sees one lot of rows at a time (here one row: io.BATCH_ROWS = 1) and so misses
    a duplicate, a speaker or a recurrence in another lot."""
    monkeypatch.setattr(io, "BATCH_ROWS", 1)
    order = [f"raw/{i:03d}_sample.txt" for i in range(3)]
    _written_parts(dataset, tmp_path / "parts", [order[:2], order[2:]])
    joined = streamed.joined_parts(tmp_path / "parts", order, tmp_path / "cache")
    staged = streamed.corpus_tables(joined, tmp_path / "tables")
    docs = dataset["documents"]
    expected = assemble.with_recurring_statements(assemble.with_corpus_speakers(
        {**dataset, "documents": assemble.documents_with_duplicates(docs, clean.duplicate_groups(
            dict(zip(docs.column("document_id").to_pylist(), docs.column("clean_text").to_pylist()))))}))
    assert list(staged) == list(TABLES)
    for name in TABLES:
        assert pq.read_table(staged[name]).to_pylist() == expected[name].to_pylist(), name
    got = pq.read_table(staged["documents"])
    assert got.column("duplicate_of").null_count == 2 and sum(got.column("is_exact_duplicate").to_pylist()) == 1
    assert pq.read_table(staged["speakers"]).num_rows == 1
    assert max(pq.read_table(staged["statements"]).column("repeated_in_documents").to_pylist()) == 2
    for name in incremental.CACHED_TABLES:   # the cache keeps the rows as the batches wrote them
        assert pq.read_table(joined[name]).to_pylist() == dataset[name].to_pylist(), name


def test_parts_are_joined_in_the_raw_files_order_when_reused_rows_lie_among_new_ones(dataset, tmp_path) -> None:
    """Defect planted: an incremental run's reused part (files 000 and 002) last among the parts, while file 001
    lies between them in the raw folder."""
    order = [f"raw/{i:03d}_sample.txt" for i in range(3)]
    _written_parts(dataset, tmp_path / "parts", [[order[1]], [order[0], order[2]]])
    parts = sorted((tmp_path / "parts" / "statements").glob("*.parquet"))
    assert not streamed.parts_in_order(parts, order)
    assert streamed.parts_in_order(parts, [order[1], order[0], order[2]])
    joined = streamed.joined_parts(tmp_path / "parts", order, tmp_path / "cache")
    for name in incremental.CACHED_TABLES:
        assert pq.read_table(joined[name]).to_pylist() == dataset[name].to_pylist(), name


def test_a_streamed_file_appears_whole_or_not_at_all(tmp_path) -> None:
    """Defects planted: an error after the first rows are written; rows of another schema."""
    schema = pa.schema([("n", pa.int64())])
    target = tmp_path / "t.parquet"
    with pytest.raises(RuntimeError, match="stopped"):
        with io.parquet_sink(target, schema) as write:
            write(pa.table({"n": [1, 2]}, schema=schema))
            raise RuntimeError("stopped")
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ValueError):
        with io.parquet_sink(target, schema) as write:
            write(pa.table({"m": ["x"]}))
    assert list(tmp_path.iterdir()) == []
    with io.parquet_sink(target, schema) as write:
        for n in range(3):
            write(pa.table({"n": [n]}, schema=schema))
    assert pq.read_table(target).column("n").to_pylist() == [0, 1, 2]
    assert [t.num_rows for t in io.parquet_batches(target, rows=2)] == [2, 1]


def test_checks_and_quarantine_read_from_files_a_row_at_a_time_as_in_memory(tmp_path, monkeypatch) -> None:
    """The staged files read through sources (three rows at a time, one row to a row group: the offsets check
    fetches each lot's documents by their row groups), and the quarantine writing what it keeps to files, give the
    checks and the tables the in-memory path gives. Defects planted: three documents to quarantine (boilerplate,
    a future date, a language outside ISO 639-1) beside a clean one."""
    from flows.config import QualityThresholds
    from flows.quality import quality_result, quarantined_result
    from tests.quality.conftest import TODAY
    from tests.quality.test_quarantine import four_documents

    tables, thresholds = four_documents(), QualityThresholds(max_quarantined_share=0.8)
    monkeypatch.setattr(io, "BATCH_ROWS", 1)
    staged = {}
    for name, table in tables.items():
        staged[name] = tmp_path / "tables" / f"{name}.parquet"
        with io.parquet_sink(staged[name], table.schema) as write:
            for lot in table.to_batches(max_chunksize=1):
                write(pa.Table.from_batches([lot], schema=table.schema))
    monkeypatch.setattr(io, "BATCH_ROWS", 3)   # lots of three rows (GX: a frame each) from files of one-row groups
    on_files = quality_result(streamed.sources(staged), thresholds=thresholds, files_read=4, today=TODAY)
    in_memory = quality_result(tables, thresholds=thresholds, files_read=4, today=TODAY)
    assert on_files.checks == in_memory.checks and len(on_files.quarantining) == 4
    found, gated = quarantined_result(streamed.sources(staged), on_files, thresholds=thresholds, files_read=4,
                                      today=TODAY, publish=streamed.publisher(tmp_path / "quarantined"))
    kept, gated_in_memory = quarantined_result(tables, in_memory, thresholds=thresholds, files_read=4, today=TODAY)
    assert gated.checks == gated_in_memory.checks and gated.passed
    for name in TABLES:
        assert found.tables[name].path == tmp_path / "quarantined" / f"{name}.parquet"
        assert pq.read_table(found.tables[name].path).to_pylist() == kept.tables[name].to_pylist(), name
    assert pq.read_table(found.tables["documents"].path).num_rows == 1


def test_freed_memory_is_given_back_cycles_collected_and_arrows_pool_emptied() -> None:
    """Planted: a reference cycle no one reaches, and an Arrow buffer dropped. Without a collection the cycle
    lives on until the collector runs of its own; after ``return_freed_memory`` it is gone and Arrow's pool holds
    no more than before the buffer."""
    import gc
    import weakref

    class Node:
        pass

    gc.disable()
    try:
        node = Node()
        node.self = node
        alive = weakref.ref(node)
        before = pa.total_allocated_bytes()
        buffer = pa.allocate_buffer(1 << 20)
        del node, buffer
        assert alive() is not None  # the cycle outlives its last name
        memory.return_freed_memory()
        assert alive() is None
        assert pa.total_allocated_bytes() <= before
    finally:
        gc.enable()


def test_a_batch_gives_back_what_it_freed_whether_it_ends_or_stops(tmp_path: Path, monkeypatch) -> None:
    """Planted: a batch of one raw file run to its end, then the same batch told to stop before its file. Each
    time the batch gives back what it freed as it returns (without it a long run's worker heaps crept up with
    its batches), and the finished one staged its parts."""
    from flows import batches

    raw, staging = tmp_path / "raw", tmp_path / "staging"
    raw.mkdir()
    (raw / "one.txt").write_text("A title\n\nThe council met on Monday. It voted to widen the road.\n")
    given_back = []
    monkeypatch.setattr(batches, "return_freed_memory", lambda: given_back.append(True))
    lineage = assemble.Lineage(run_id="r1", pipeline_version="test")
    args = (raw, staging, lineage, frozenset(), 1 << 20, 60.0)
    done = batches.staged_batch(0, [raw / "one.txt"], *args)
    assert done["rows"]["documents"] == 1 and (staging / "parts" / "documents" / "part-00000.parquet").exists()
    assert given_back == [True]
    io.request_stop(staging)
    with pytest.raises(batches.BatchStopped):
        batches.staged_batch(1, [raw / "one.txt"], *args)
    assert given_back == [True, True]


def test_exact_duplicates_are_decided_on_digests_of_the_texts() -> None:
    """Planted: two copies of one text and a third that differs by one letter, all in one duplicate group; the
    marks read only the digests (32 bytes a document), never the texts."""
    documents = pa.table({"document_id": ["a", "b", "c"], "clean_text": ["Same words.", "Same words.", "Same word."],
                          "duplicate_of": pa.nulls(3, pa.string()), "is_exact_duplicate": pa.nulls(3, pa.bool_())})
    digests = assemble.text_digests(documents)
    assert all(len(d) == 32 for d in digests.values())
    marked = assemble.with_duplicate_marks(documents, {"a": "a", "b": "a", "c": "a"}, digests)
    assert marked.column("duplicate_of").to_pylist() == [None, "a", "a"]
    assert marked.column("is_exact_duplicate").to_pylist() == [False, True, False]
