"""The curated folder's own documentation, generated from the models: ``README.md`` (the data dictionary)
and ``views.sql`` (DuckDB views over the tables).

Pure and deterministic: the same schemas give the same text, whatever the run, so the copy committed for
the sample build (``curated/README.md``, ``curated/views.sql``) can be checked against it. The flow writes
both into every published snapshot and at the curated folder's top (flows/io.py).
"""
from __future__ import annotations

import inspect

from pydantic import BaseModel

from schemas.records import LINEAGE_COLUMNS, MODE_MEANINGS, SCHEMA_VERSION, Record
from schemas.tables import TABLES, ColumnSpec, allowed_values, column_specs, primary_key

README = "README.md"
VIEWS = "views.sql"

_GENERATED = "Generated from `schemas/` by `schemas/dictionary.py` on every published run; do not edit by hand."


def _one_line(text: str) -> str:
    """``text`` on one line, safe inside a Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def table_summary(model: type[BaseModel]) -> str:
    """What one row of the model's table is: the model's docstring, on one line."""
    return _one_line(inspect.cleandoc(model.__doc__ or ""))


def column_type(spec: ColumnSpec) -> str:
    """The column's Arrow type as written in the Parquet schema (e.g. ``string``, ``list<item: string>``)."""
    return str(spec.arrow_type)


def column_notes(spec: ColumnSpec) -> str:
    """What else the schema says of a column: key, reference, allowed values, bounds, encoding."""
    notes = []
    if spec.primary_key:
        notes.append("primary key")
    if spec.references:
        notes.append(f"→ `{spec.references}`")
    allowed = allowed_values(spec)
    if allowed:
        notes.append("one of " + ", ".join(f"`{v}`" for v in allowed))
    if spec.minimum is not None:
        notes.append(f"≥ {spec.minimum:g}")
    if spec.min_length:
        notes.append("not empty")
    if spec.iso639_1:
        notes.append("ISO 639-1")
    if spec.dictionary:
        notes.append("dictionary-encoded")
    return "; ".join(notes)


def columns_section(name: str, model: type[BaseModel]) -> list[str]:
    """The Markdown section listing every column of one table."""
    lines = [f"### `{name}`", "", f"{table_summary(model)} Primary key: `{primary_key(model)}`.", "",
             "| column | Arrow type | null | description | notes |", "|---|---|---|---|---|"]
    for spec in column_specs(model):
        lines.append(f"| `{spec.name}` | `{column_type(spec)}` | {'yes' if spec.nullable else 'no'} | "
                     f"{_one_line(spec.description)} | {column_notes(spec)} |")
    return lines + [""]


def _tables_section() -> list[str]:
    lines = ["## Tables", "", "| table | file | one row | primary key |", "|---|---|---|---|"]
    for name, model in TABLES.items():
        lines.append(f"| `{name}` | `{name}.parquet` | {table_summary(model)} | `{primary_key(model)}` |")
    return lines + [""]


def _modes_section() -> list[str]:
    lines = ["## Modes (`statements.mode`)", "",
             "Every sentence of a document body is one statement, and has exactly one mode:", "",
             "| mode | meaning |", "|---|---|"]
    lines += [f"| `{mode}` | {_one_line(meaning)} |" for mode, meaning in MODE_MEANINGS.items()]
    return lines + ["", "A `narration` statement has no `speaker` and no `speaker_id`; every other statement has "
                        "both. `is_question` marks an interrogative sentence in any mode.", ""]


def _ids_section() -> list[str]:
    lines = ["## Ids", "",
             "Every id is 16 lowercase hex digits derived from content, never from a position or a counter, so "
             "the same raw files give the same ids on every run and machine:", ""]
    for name, model in TABLES.items():
        key = primary_key(model)
        lines.append(f"- `{name}.{key}`: {_one_line(model.model_fields[key].description or '')}")
    refs = [(f"{name}.{spec.name}", spec.references) for name, model in TABLES.items()
            for spec in column_specs(model) if spec.references]
    lines += ["", "References (every non-null value exists in the column it points to):", ""]
    lines += [f"- `{source}` → `{target}`" for source, target in refs]
    return lines + [""]


def _lineage_section() -> list[str]:
    lines = ["## Lineage", "",
             "The last columns of every table say where each row comes from. A row made from one raw file "
             "carries all four; a row of a corpus-wide table (`speakers`) comes from many files and carries "
             "the run's two only:", ""]
    lines += [f"- `{column}`: {_one_line(Record.model_fields[column].description or '')}" for column in LINEAGE_COLUMNS]
    carriers = {c: [n for n, m in TABLES.items() if c in m.model_fields] for c in LINEAGE_COLUMNS}
    lines += ["", "| lineage column | tables |", "|---|---|"]
    lines += [f"| `{c}` | {', '.join(f'`{n}`' for n in names)} |" for c, names in carriers.items()]
    return lines + [""]


def _layout_section() -> list[str]:
    return ["## Files", "", "```",
            "<table>.parquet -> current/<table>.parquet   the stable paths: always the published version",
            "current -> snapshots/<run_id>                the published version, switched in one atomic step",
            "snapshots/<run_id>/                          one complete version per published run: the tables,",
            "                                             manifest.json (rows and sha256 per table), README.md,",
            "                                             views.sql",
            "README.md, views.sql                         these files, for the current version",
            "reports/                                     the data-quality report of every run",
            "```", "",
            "Parquet with zstd compression and the explicit schema below; low-cardinality strings are "
            "dictionary-encoded; each file's key-value metadata holds `schema_version`, `model` and "
            "`primary_key`, and each field's metadata its `description`.", "",
            "To query with DuckDB, open it in this folder and load the views (`views.sql` names the tables "
            "relative to the folder it lies in, so the same file works in `snapshots/<run_id>/`):", "",
            "```", "cd curated && duckdb -init views.sql", "```", "",
            "From Python: `con.execute(\"SET file_search_path = 'curated'\")`, then "
            "`con.execute(open('curated/views.sql').read())`. Polars and pandas read `curated/<table>.parquet` "
            "as is. Questions with their SQL: the cookbook in the repository's README.", ""]


def undescribed_columns(tables: dict[str, type[BaseModel]]) -> list[str]:
    """``table.column`` of every column whose field has no description (the data dictionary needs one each)."""
    return [f"{name}.{spec.name}" for name, model in tables.items() for spec in column_specs(model)
            if not spec.description.strip()]


def data_dictionary() -> str:
    """The text of ``curated/README.md``: files, tables, modes, ids, lineage and every column."""
    lines = ["# The curated tables", "", f"Schema version {SCHEMA_VERSION}. {_GENERATED}", ""]
    lines += _layout_section() + _tables_section() + _modes_section() + _ids_section() + _lineage_section()
    lines += ["## Columns", ""]
    for name, model in TABLES.items():
        lines += columns_section(name, model)
    return "\n".join(lines).rstrip("\n") + "\n"


def duckdb_views() -> str:
    """The text of ``curated/views.sql``: one DuckDB view per table, over the file of that name in the folder
    DuckDB resolves relative paths against (its working directory, or ``file_search_path``)."""
    lines = [f"-- DuckDB views over the curated tables (schema version {SCHEMA_VERSION}).",
             f"-- {_GENERATED.replace('`', '')}",
             "-- Paths are relative to the curated folder: run `cd curated && duckdb -init views.sql`, or from",
             "-- elsewhere SET file_search_path = '<the curated folder>' first. In snapshots/<run_id>/ the same",
             "-- file reads that version.", ""]
    lines += [f"CREATE OR REPLACE VIEW {name} AS SELECT * FROM read_parquet('{name}.parquet');" for name in TABLES]
    return "\n".join(lines) + "\n"


def curated_docs() -> dict[str, str]:
    """File name -> text of the documentation files written beside the published tables."""
    return {README: data_dictionary(), VIEWS: duckdb_views()}
