"""Column expectations derived from the Pydantic models in schemas/ — no hand-written list.

Each ColumnSpec (schemas.tables.column_specs) turns into plain ``Expectation`` records:

==================  ===================================  ==================================
what the model says  check name                          Great Expectations expectation
==================  ===================================  ==================================
not Optional         ``<table>.<column>.not_null``        ExpectColumnValuesToNotBeNull
primary_key          ``<table>.<column>.unique``          ExpectColumnValuesToBeUnique
Literal[...]         ``<table>.<column>.in_set``          ExpectColumnValuesToBeInSet
value_set hint       ``<table>.<column>.in_set``          ExpectColumnValuesToBeInSet
ge=N                 ``<table>.<column>.minimum``         ExpectColumnValuesToBeBetween
min_length=N         ``<table>.<column>.min_length``      ExpectColumnValueLengthsToBeBetween
pattern=...          ``<table>.<column>.pattern``         ExpectColumnValuesToMatchRegex
iso639_1 hint        ``<table>.<column>.iso639_1``        ExpectColumnValuesToBeInSet
==================  ===================================  ==================================

Add a field to a model and its expectations follow. This module is pure and does not
import Great Expectations (that happens lazily in flows.quality.gx_engine). A ``value_set`` hint
("module.NAME") is imported only when the expectations are built, so schemas/ stays light.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from flows.quality.iso639 import ISO639_1
from schemas.tables import allowed_values, column_specs


@dataclass(frozen=True)
class Expectation:
    """One derived column expectation: its check name, the GX class name and its keyword arguments."""

    name: str
    table: str
    column: str
    gx_type: str
    kwargs: dict[str, Any] = field(default_factory=dict)
    description: str = ""


def expectations(table: str, model: type[BaseModel]) -> list[Expectation]:
    """The column expectations a model implies for its table, in column order."""
    out: list[Expectation] = []
    for spec in column_specs(model):
        prefix = f"{table}.{spec.name}"
        if not spec.nullable:
            out.append(Expectation(f"{prefix}.not_null", table, spec.name, "ExpectColumnValuesToNotBeNull",
                                   description=f"`{spec.name}` is required by {model.__name__}."))
        if spec.primary_key:
            out.append(Expectation(f"{prefix}.unique", table, spec.name, "ExpectColumnValuesToBeUnique",
                                   description=f"`{spec.name}` is the primary key of {table}."))
        allowed = allowed_values(spec)
        if allowed is not None:
            out.append(Expectation(f"{prefix}.in_set", table, spec.name, "ExpectColumnValuesToBeInSet",
                                   {"value_set": list(allowed)},
                                   description=f"`{spec.name}` is one of {', '.join(allowed)}."))
        if spec.minimum is not None:
            out.append(Expectation(f"{prefix}.minimum", table, spec.name, "ExpectColumnValuesToBeBetween",
                                   {"min_value": spec.minimum},
                                   description=f"`{spec.name}` is at least {spec.minimum:g}."))
        if spec.min_length is not None:
            out.append(Expectation(f"{prefix}.min_length", table, spec.name, "ExpectColumnValueLengthsToBeBetween",
                                   {"min_value": spec.min_length},
                                   description=f"`{spec.name}` has at least {spec.min_length} characters."))
        if spec.pattern is not None:
            out.append(Expectation(f"{prefix}.pattern", table, spec.name, "ExpectColumnValuesToMatchRegex",
                                   {"regex": spec.pattern},
                                   description=f"`{spec.name}` matches {spec.pattern}."))
        if spec.iso639_1:
            out.append(Expectation(f"{prefix}.iso639_1", table, spec.name, "ExpectColumnValuesToBeInSet",
                                   {"value_set": sorted(ISO639_1)},
                                   description=f"`{spec.name}` is an ISO 639-1 language code."))
    return out
