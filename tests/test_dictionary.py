"""curated/README.md (the data dictionary) and curated/views.sql: generated from schemas/, complete, and the
copies committed for the sample build equal what the generator writes now."""
from __future__ import annotations

import typing

import pytest
from pydantic import BaseModel, Field

from schemas import dictionary
from schemas.records import LINEAGE_COLUMNS, MODE_MEANINGS, Mode
from schemas.tables import TABLES, column_specs, primary_key
from tests.conftest import ROOT

REGENERATE = "out of date: run `make docs` (or `make run`) and commit curated/README.md and curated/views.sql"


def test_every_column_of_every_table_has_a_description():
    assert dictionary.undescribed_columns(TABLES) == []


def test_a_column_without_a_description_is_found():
    class Planted(BaseModel):  # planted: a field declared with no description
        planted_id: str = Field(description="Stable id.", json_schema_extra={"primary_key": True})
        silent: int = 0

    assert dictionary.undescribed_columns({"planted": Planted}) == ["planted.silent"]


def test_every_mode_has_a_meaning_and_no_other():
    assert tuple(MODE_MEANINGS) == typing.get_args(Mode)
    assert all(len(meaning.split()) >= 8 for meaning in MODE_MEANINGS.values())


def _section(text: str, heading: str) -> str:
    """The Markdown section under ``heading`` up to the next heading of the same or a higher level."""
    level = heading.split(" ", 1)[0]
    start = text.index(heading + "\n")
    ends = [text.find(f"\n{h} ", start + 1) for h in ("#" * n for n in range(1, len(level) + 1))]
    return text[start:min([e for e in ends if e != -1], default=len(text))]


@pytest.mark.parametrize("name", list(TABLES))
def test_every_column_is_listed_with_its_arrow_type_nullability_and_description(name):
    section = _section(dictionary.data_dictionary(), f"### `{name}`")
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    specs = column_specs(TABLES[name])
    assert [row.split("`")[1] for row in rows] == [s.name for s in specs]
    for row, spec in zip(rows, specs):
        cells = [c.strip() for c in row.strip("|").split(" | ")]
        assert cells[1] == f"`{spec.arrow_type}`" and cells[2] == ("yes" if spec.nullable else "no"), row
        assert cells[3] == " ".join(spec.description.split()), row


def test_the_dictionary_names_the_modes_the_id_rules_and_the_lineage():
    text = dictionary.data_dictionary()
    modes = _section(text, "## Modes (`statements.mode`)")
    assert all(f"| `{mode}` | {' '.join(meaning.split())} |" in modes for mode, meaning in MODE_MEANINGS.items())
    ids = _section(text, "## Ids")
    for name, model in TABLES.items():
        key = primary_key(model)
        assert f"- `{name}.{key}`: {' '.join(model.model_fields[key].description.split())}" in ids
    assert "- `statements.speaker_id` → `speakers.speaker_id`" in ids
    lineage = _section(text, "## Lineage")
    assert all(f"- `{column}`: " in lineage for column in LINEAGE_COLUMNS)
    assert "| `source_path` | `documents`, `paragraphs`, `statements`, `document_speakers`" in lineage


def test_the_attribution_rules_are_listed_by_name():
    from flows.steps.attribute import RULE_NAMES

    row = next(line for line in _section(dictionary.data_dictionary(), "### `statements`").splitlines()
               if line.startswith("| `attribution_rule` |"))
    assert "one of " + ", ".join(f"`{r}`" for r in RULE_NAMES) in row


def test_there_is_one_view_per_table_over_its_file_in_the_curated_folder():
    views = [line for line in dictionary.duckdb_views().splitlines() if line.startswith("CREATE")]
    assert views == [f"CREATE OR REPLACE VIEW {name} AS SELECT * FROM read_parquet('{name}.parquet');"
                     for name in TABLES]


@pytest.mark.parametrize("name", [dictionary.README, dictionary.VIEWS])
def test_the_committed_copy_is_what_the_generator_writes_now(name):
    committed = (ROOT / "curated" / name).read_text(encoding="utf-8")
    assert committed == dictionary.curated_docs()[name], f"curated/{name} {REGENERATE}"
