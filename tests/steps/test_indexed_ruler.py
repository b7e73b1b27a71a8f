"""IndexedAttributeRuler: spaCy's attribute ruler with its one-token rules found by index, same output."""
import pytest
import spacy
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from flows.steps import indexed_ruler, parse
from flows.steps.indexed_ruler import IndexedAttributeRuler


def test_token_condition_reads_equalities_and_sets_and_refuses_what_it_cannot_index():
    tag_nn, lower_it = indexed_ruler._value_id("NN"), indexed_ruler._value_id("it")
    assert indexed_ruler.token_condition({"TAG": "NN", "LOWER": "it"}) == (
        (1, "in", frozenset({tag_nn})), (0, "in", frozenset({lower_it})))
    assert indexed_ruler.token_condition({"TAG": {"NOT_IN": ["TO", ""]}}) == (
        (1, "not_in", frozenset({indexed_ruler._value_id("TO"), 0})),)     # "" is the unset value, 0
    assert indexed_ruler.token_condition({"IS_SPACE": True}) == ((3, "in", frozenset({1})),)
    assert indexed_ruler.token_condition({"LOWER": {"REGEX": "^y'?$"}}) is None      # left to the Matcher
    assert indexed_ruler.token_condition({"ORTH": "A"}) is None
    assert indexed_ruler.token_condition({"TAG": "NN", "OP": "?"}) is None
    assert indexed_ruler.token_condition({}) is None


def test_a_rule_is_filed_under_its_first_positive_test_and_meets_only_what_it_names():
    tests = indexed_ruler.token_condition({"DEP": {"IN": ["aux", "auxpass"]}, "TAG": {"NOT_IN": ["TO"]}})
    dep = indexed_ruler.INDEXED_ATTRS.index("DEP")
    assert indexed_ruler.filing_keys(tests) == sorted((dep, indexed_ruler._value_id(d)) for d in ("aux", "auxpass"))
    assert indexed_ruler.filing_keys(indexed_ruler.token_condition({"TAG": {"NOT_IN": ["TO"]}})) == []
    row = [indexed_ruler._value_id(v) for v in ("can", "MD", "aux")] + [0]
    assert indexed_ruler.meets(row, tests)
    assert not indexed_ruler.meets([indexed_ruler._value_id(v) for v in ("to", "TO", "aux")] + [0], tests)


# one rule of each kind the index files, two it leaves to the Matcher, and two rules on the same token
# (the later one wins): planted where an index could lose a match or apply matches out of order
RULES = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"TAG": "NN", "LOWER": "it"}]], "attrs": {"POS": "PRON"}},           # overrides the rule before
    {"patterns": [[{"TAG": {"NOT_IN": ["TO", ""]}, "DEP": {"IN": ["aux", "auxpass"]}}]], "attrs": {"POS": "AUX"}},
    {"patterns": [[{"LOWER": {"IN": ["do", "did"]}, "DEP": "ROOT"}]], "attrs": {"POS": "VERB"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE"}},
    {"patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "was"]}}]], "attrs": {"POS": "VERB"}, "index": 1},
    {"patterns": [[{"LOWER": {"REGEX": "^y'?$"}}], [{"ORTH": "Gon"}]], "attrs": {"LEMMA": "you"}},
]


def _doc(vocab, rows):
    doc = Doc(vocab, words=[w for w, _, _ in rows])
    for tok, (_, tag, dep) in zip(doc, rows):
        tok.tag_, tok.dep_ = tag, dep
    return doc


def _attrs(doc):
    return [(t.text, t.tag_, t.pos_, t.dep_, str(t.morph), t.lemma_) for t in doc]


@pytest.mark.parametrize("rows", [
    [("It", "NN", "nsubj"), ("boat", "NN", "dobj"), ("can", "MD", "aux"), ("to", "TO", "aux"), ("x", "", "aux")],
    [("There", "EX", "expl"), ("is", "VBZ", "ROOT"), ("  ", "", "dep"), ("did", "VBD", "ROOT"), ("y'", "PRP", "nsubj")],
    [("Gon", "NNP", "nsubj"), ("did", "VBD", "aux"), ("it", "NN", "")],
    [],
])
def test_indexed_ruler_sets_what_spacys_ruler_sets(rows):
    vocab = spacy.blank("en").vocab
    spacys, indexed = AttributeRuler(vocab), IndexedAttributeRuler(vocab)
    spacys.add_patterns(RULES)
    indexed.add_patterns(RULES)
    assert indexed.match(_doc(vocab, rows)) == spacys.match(_doc(vocab, rows))
    assert _attrs(indexed(_doc(vocab, rows))) == _attrs(spacys(_doc(vocab, rows)))
    indexed.clear()
    assert indexed.match(_doc(vocab, rows)) == []


def test_the_english_pipeline_finds_the_same_matches_for_every_tag_and_dependency():
    """Every tag the tagger gives and every label the parser gives, on every word the model's rules name
    (each twice, for the two-token rules): the indexed ruler finds spaCy's matches. (Checked once for every
    tag x label x word, 743,808 tokens; here each word meets the labels in turn.)"""
    nlp = parse.english_pipeline()
    ours = nlp.get_pipe("attribute_ruler")
    assert isinstance(ours, IndexedAttributeRuler)
    spacys = AttributeRuler(nlp.vocab)
    spacys.add_patterns(ours.patterns)
    assert len(ours.patterns) > 100
    words = sorted({v for p in ours.patterns for pat in p["patterns"] for t in pat
                    for v in ([t["LOWER"]] if isinstance(t.get("LOWER"), str) else t.get("LOWER", {}).get("IN", []))}
                   | {" ", "\n", "zebra", "Zebra", "y'"})
    deps = list(nlp.get_pipe("parser").labels) + [""]
    for k, tag in enumerate(list(nlp.get_pipe("tagger").labels) + ["_SP", ""]):
        rows = [(w, tag, deps[(j // 2 + k) % len(deps)]) for j, w in enumerate(w for w in words for _ in (0, 1))]
        assert ours.match(_doc(nlp.vocab, rows)) == spacys.match(_doc(nlp.vocab, rows)), tag
