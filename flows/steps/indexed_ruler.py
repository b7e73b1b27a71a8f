"""spaCy's attribute ruler with the same rules and the same output, its one-token rules found by index.

``en_core_web_sm``'s ``attribute_ruler`` (tag -> part of speech and morphology, a few words and
dependencies) holds 179 rules, nearly all of one token. spaCy's ``Matcher`` tries every rule's first
token at every token, which costs about a tenth of the parse. :class:`IndexedAttributeRuler` is the same
component with ``match`` replaced: a one-token rule whose every condition is an equality or an ``IN``/
``NOT_IN`` over ``TAG``, ``DEP``, ``LOWER`` or ``IS_SPACE`` is filed under one of its equalities, so a token
meets only the few rules filed under its own tag, word, dependency or space flag; every other rule (two
tokens, a regular expression) stays with a ``Matcher`` of its own. The matches, their order and how they
are applied (``AttributeRuler.set_annotations``) are spaCy's own, so every token gets the same attributes.
"""
from __future__ import annotations

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id

# the token attributes an indexed rule may test, in the order doc.to_array gives them; an equality on an
# earlier one files the rule (a word is rarer than a tag)
INDEXED_ATTRS = ("LOWER", "TAG", "DEP", "IS_SPACE")
_ARRAY_ATTRS = [LOWER, TAG, DEP, IS_SPACE]
FACTORY = "indexed_attribute_ruler"


def _value_id(value) -> int:
    """A condition's value as the matcher compares it: a string by its hash ("" is 0), a flag as 0 or 1."""
    return int(value) if isinstance(value, bool) else get_string_id(value)


def token_condition(token_pattern: dict) -> tuple[tuple[int, str, frozenset], ...] | None:
    """A one-token pattern as (column, "in" | "not_in", value ids) tests, or None when it tests
    anything else (another attribute, a regular expression, an operator such as ``OP``)."""
    tests = []
    for attr, value in token_pattern.items():
        if attr not in INDEXED_ATTRS:
            return None
        if isinstance(value, dict):
            if len(value) != 1 or next(iter(value)) not in ("IN", "NOT_IN"):
                return None
            (op, values), = value.items()
            tests.append((INDEXED_ATTRS.index(attr), op.lower(), frozenset(_value_id(v) for v in values)))
        else:
            tests.append((INDEXED_ATTRS.index(attr), "in", frozenset({_value_id(value)})))
    return tuple(tests) if tests else None


def meets(row, tests) -> bool:
    """Whether a token (its ``INDEXED_ATTRS`` values) meets every test."""
    return all((row[col] in values) == (op == "in") for col, op, values in tests)


def filing_keys(tests) -> list[tuple[int, int]]:
    """The (column, value) keys a rule is filed under: the values of its first positive test on the
    earliest column; every token the rule can match has one of them."""
    positive = sorted((col, values) for col, op, values in tests if op == "in")
    return [(positive[0][0], v) for v in sorted(positive[0][1])] if positive else []


class IndexedAttributeRuler(AttributeRuler):
    """``AttributeRuler`` whose ``match`` finds one-token rules through an index (see the module)."""

    def __init__(self, vocab, name: str = "attribute_ruler", **kwargs):
        super().__init__(vocab, name, **kwargs)
        self._index: dict[tuple[int, int], list[tuple[int, tuple]]] = {}
        self._rest = Matcher(vocab, validate=self.validate)

    def clear(self) -> None:
        super().clear()
        self._index, self._rest = {}, Matcher(self.vocab, validate=self.validate)

    def add(self, patterns, attrs: dict, index: int = 0) -> None:
        attr_id = len(self.attrs)
        super().add(patterns, attrs, index)
        key, rest = str(attr_id), []
        for pattern in patterns:
            tests = token_condition(pattern[0]) if len(pattern) == 1 else None
            keys = filing_keys(tests) if tests else []
            if not keys:
                rest.append(pattern)
            for k in keys:
                self._index.setdefault(k, []).append((attr_id, tests))
        if rest:
            self._rest.add(key, rest)

    def match(self, doc):
        """(rule number, rule key, start, end) of every match, sorted: what ``AttributeRuler.match`` gives."""
        found = {(int(self.vocab.strings[m_id]), m_id, s, e)
                 for m_id, s, e in (self._rest(doc, allow_missing=True) if len(self._rest) else ())}
        for i, row in enumerate(doc.to_array(_ARRAY_ATTRS).tolist() if len(doc) else []):
            for col in range(len(INDEXED_ATTRS)):
                for attr_id, tests in self._index.get((col, row[col]), ()):
                    if meets(row, tests):
                        found.add((attr_id, self.vocab.strings[str(attr_id)], i, i + 1))
        return sorted(found)


@Language.factory(FACTORY, default_config={"validate": False,
                                           "scorer": {"@scorers": "spacy.attribute_ruler_scorer.v1"}})
def make_indexed_attribute_ruler(nlp: Language, name: str, validate: bool, scorer):
    return IndexedAttributeRuler(nlp.vocab, name, validate=validate, scorer=scorer)


def with_indexed_ruler(nlp, name: str = "attribute_ruler"):
    """``nlp`` with its attribute ruler ``name`` replaced by an :class:`IndexedAttributeRuler` holding the
    same rules in the same order (same name, same place in the pipeline)."""
    patterns = nlp.get_pipe(name).patterns
    nlp.replace_pipe(name, FACTORY)
    nlp.get_pipe(name).add_patterns(patterns)
    return nlp
