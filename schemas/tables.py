"""The curated tables and their Arrow schemas, derived from the Pydantic models."""
from __future__ import annotations

import datetime as dt
import importlib
import types
import typing
from dataclasses import dataclass

import pyarrow as pa
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from schemas.records import (LINEAGE_COLUMNS, SCHEMA_VERSION, Document, DocumentSpeaker, Paragraph, Rejection,
                             RemovedLine, Speaker, Statement)

TABLES: dict[str, type[BaseModel]] = {
    "documents": Document,
    "paragraphs": Paragraph,
    "statements": Statement,
    "speakers": Speaker,
    "document_speakers": DocumentSpeaker,
    "removed_lines": RemovedLine,
    "rejections": Rejection,
}

_SCALARS: dict[type, pa.DataType] = {
    str: pa.string(),
    int: pa.int64(),
    bool: pa.bool_(),
    float: pa.float64(),
    dt.date: pa.date32(),
    dt.datetime: pa.timestamp("us", tz="UTC"),
}


@dataclass(frozen=True)
class ColumnSpec:
    """What the model says about one column, in a form the writers and checks can use."""

    name: str
    arrow_type: pa.DataType
    nullable: bool
    description: str
    primary_key: bool = False
    dictionary: bool = False
    references: str | None = None
    allowed_values: tuple[str, ...] | None = None
    value_set: str | None = None  # "module.NAME" of the allowed values, resolved by flows.quality (not imported here)
    minimum: float | None = None
    min_length: int | None = None
    pattern: str | None = None
    iso639_1: bool = False


def _unwrap_optional(annotation: object) -> tuple[object, bool]:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return annotation, False


def _arrow_type(annotation: object) -> tuple[pa.DataType, tuple[str, ...] | None]:
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return pa.string(), tuple(str(a) for a in typing.get_args(annotation))
    if origin is list:
        (item,) = typing.get_args(annotation)
        item_type, _ = _arrow_type(item)
        return pa.list_(item_type), None
    if annotation in _SCALARS:
        return _SCALARS[annotation], None
    raise TypeError(f"no Arrow type for annotation {annotation!r}")


def _constraint(info: FieldInfo, name: str) -> object | None:
    for meta in info.metadata:
        value = getattr(meta, name, None)
        if value is not None:
            return value
    return None


def column_specs(model: type[BaseModel]) -> list[ColumnSpec]:
    """One ColumnSpec per model field, in declaration order."""
    lineage = [n for n in LINEAGE_COLUMNS if n in model.model_fields]
    own = [n for n in model.model_fields if n not in LINEAGE_COLUMNS]
    specs = []
    for name in own + lineage:
        info = model.model_fields[name]
        inner, optional = _unwrap_optional(info.annotation)
        arrow_type, allowed = _arrow_type(inner)
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        minimum = _constraint(info, "ge")
        specs.append(ColumnSpec(
            name=name,
            arrow_type=arrow_type,
            nullable=optional,
            description=info.description or "",
            primary_key=bool(extra.get("primary_key")),
            dictionary=bool(extra.get("dictionary")),
            references=extra.get("references"),
            allowed_values=allowed,
            value_set=extra.get("value_set"),
            minimum=float(minimum) if minimum is not None else None,
            min_length=_constraint(info, "min_length"),
            pattern=_constraint(info, "pattern"),
            iso639_1=bool(extra.get("iso639_1")),
        ))
    return specs


def allowed_values(spec: ColumnSpec) -> tuple[str, ...] | None:
    """The values a column may take: those of the tuple its ``value_set`` hint names (imported only now, so
    schemas/ stays light), else its Literal's; None for a column of any value."""
    if spec.value_set is None:
        return spec.allowed_values
    module, _, name = spec.value_set.rpartition(".")
    return tuple(str(v) for v in getattr(importlib.import_module(module), name))


def primary_key(model: type[BaseModel]) -> str:
    """Name of the model's primary-key column."""
    (name,) = [c.name for c in column_specs(model) if c.primary_key]
    return name


def arrow_schema(model: type[BaseModel]) -> pa.Schema:
    """The explicit Arrow schema of a model's table, with descriptions and the schema version."""
    fields = [
        pa.field(c.name, c.arrow_type, nullable=c.nullable,
                 metadata={"description": c.description})
        for c in column_specs(model)
    ]
    return pa.schema(fields, metadata={
        "schema_version": SCHEMA_VERSION,
        "model": model.__name__,
        "primary_key": primary_key(model),
    })


def dictionary_columns(model: type[BaseModel]) -> list[str]:
    """Columns to dictionary-encode when writing Parquet."""
    return [c.name for c in column_specs(model) if c.dictionary]
