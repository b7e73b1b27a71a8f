"""What the checks read a table through: some rows at a time (``lots``), a few columns whole (``read``), or the rows
whose key is among some values (``rows_where``), so that no check needs a whole table in memory.

A ``TableSource`` is an ``ArrowSource`` (a table in memory: tests, small runs) or ``flows.io.ParquetSource`` (a
staged Parquet file, read some rows at a time); both give the same lots, columns and rows for the same table.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

import pyarrow as pa
import pyarrow.compute as pc

from flows.io import rows_at_once
from schemas.tables import TABLES, arrow_schema


class TableSource(Protocol):
    """A table the checks read without holding it whole."""

    schema: pa.Schema
    num_rows: int

    def lots(self, columns: list[str] | None = None, rows: int | None = None) -> Iterator[pa.Table]:
        """The rows in order, ``columns`` only, at most ``rows`` at a time; at least one lot (empty when the
        table is)."""

    def read(self, columns: list[str]) -> pa.Table:
        """Every row of ``columns`` (narrow columns only: keys, counts, dates)."""

    def rows_where(self, column: str, values: pa.Array, columns: list[str]) -> pa.Table:
        """The rows whose ``column`` is one of ``values``, ``columns`` only, in table order."""


def decoded(table: pa.Table) -> pa.Table:
    """Dictionary-encoded columns as plain arrays (the encoding is storage, not content)."""
    for i, f in enumerate(table.schema):
        if pa.types.is_dictionary(f.type):
            table = table.set_column(i, pa.field(f.name, f.type.value_type, f.nullable, f.metadata),
                                     table.column(i).cast(f.type.value_type))
    return table


class ArrowSource:
    """A table in memory as a ``TableSource`` (its dictionary columns decoded)."""

    def __init__(self, table: pa.Table, rows: int):
        self.table = decoded(table)
        self.schema, self.num_rows, self.rows_at_once = self.table.schema, self.table.num_rows, rows

    def lots(self, columns: list[str] | None = None, rows: int | None = None) -> Iterator[pa.Table]:
        chosen = self.table.select(columns) if columns is not None else self.table
        size = min(rows or self.rows_at_once, self.rows_at_once)
        for start in range(0, max(self.num_rows, 1), size):
            yield chosen.slice(start, size)

    def read(self, columns: list[str]) -> pa.Table:
        return self.table.select(columns)

    def rows_where(self, column: str, values: pa.Array, columns: list[str]) -> pa.Table:
        return self.table.filter(pc.is_in(self.table.column(column), value_set=values)).select(columns)


def table_sources(tables: dict[str, pa.Table | TableSource]) -> dict[str, TableSource]:
    """Every curated table as a source: tables in memory wrapped (``ArrowSource``), sources as they are, an empty
    table (the model's schema) for each curated table not given."""
    out = {}
    for name in dict.fromkeys([*TABLES, *tables]):
        table = tables.get(name, arrow_schema(TABLES[name]).empty_table() if name in TABLES else None)
        out[name] = ArrowSource(table, rows_at_once(name)) if isinstance(table, pa.Table) else table
    return out


def materialised(sources: dict[str, TableSource]) -> dict[str, pa.Table]:
    """The sources as tables in memory (for tests and the pure, in-memory quarantine: small tables only)."""
    return {name: s.table if isinstance(s, ArrowSource) else pa.concat_tables(list(s.lots()))
            for name, s in sources.items()}
