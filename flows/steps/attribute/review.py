"""The learned review: a second look at every sentence the sieves left to weak evidence.

The sieves decide from rules; some of those rules are right about half the time on news nobody here
wrote (a cue word in plain narration, a report carried on into the narrator's next sentence), and
some reported content has no rule at all (beliefs, stances, "polls show", "as X put it"). The review
reads each parsed sentence after the sieves have drafted their decisions and asks one question of a
logistic regression trained on PolNeAR train (``tools/train_sentence_classifier.py``): is this
sentence reported content? Features are named parse facts about the sentence and the draft decisions
around it (:func:`sentence_features`).

- A draft decision by a rule in ``REVIEWED_RULES`` (a report carried into a sentence without a cue
  of its own) stays only when the model agrees.
- A sentence no sieve decided becomes reported (rule ``learned_reported``) when the model is sure
  enough and a speaker can be named: the subject of its main verb when that is a source, else the
  nearest report of its paragraph.
- Every other decision (turns, framed texts, quotations with their cue) is kept as drafted.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from flows.steps.attribute.cues import (ReportedClause, SOURCE_PRONOUNS, is_source, logistic, source_kind,
                                        source_phrase)
from flows.steps.lexicon import MODAL_VERBS

# rules whose draft decisions the review may overturn: a report carried on into the sentences after
# (or before) its cue, which on news nobody here wrote is right about a third of the time
REVIEWED_RULES = frozenset({"reported_carries_on", "reported_carries_back"})
ADDED_RULE = "learned_reported"
SUBJECTS = ("nsubj", "nsubjpass", "csubj", "expl")


@dataclass(frozen=True)
class SentenceClassifier:
    """Logistic regression over :func:`sentence_features`: is the sentence reported content?"""

    weights: dict
    bias: float
    keep_threshold: float       # a reviewed draft decision stays at or above this probability
    add_threshold: float        # an undecided sentence becomes reported at or above this probability

    def probability(self, features: list[str]) -> float:
        return logistic(self.bias + sum(self.weights.get(f, 0.0) for f in features))


def main_verb(doc):
    """The sentence's root token, or None for an empty parse."""
    return next((t for t in doc if t.dep_ == "ROOT"), None)


def subject_of(verb):
    """The verb's own subject token, or None."""
    return next((c for c in verb.children if c.dep_ in SUBJECTS), None) if verb is not None else None


def subject_kind(sent, subj, source_nouns: frozenset[str]) -> str:
    """What kind of thing the subject is: a pronoun (by itself), else the cue classifier's kind of
    source (:func:`cues.source_kind`) with another noun named by its part of speech; or none."""
    if subj is None:
        return "none"
    if subj.pos_ == "PRON":
        return "pron_" + subj.lower_
    kind = source_kind(sent, subj, source_nouns)
    return "noun_" + subj.pos_.lower() if kind == "noun_other" else kind


def _quote_features(sent) -> list[str]:
    doc, flags = sent.doc, sent.in_quote
    share = sum(flags) / len(doc)
    marks = [t.i for t in doc if t.is_quote or t.text in ("``", "''")]
    return [f"quoted_bin={min(3, int(share * 4))}", *(["quote_mark"] if marks else []),
            *(["starts_in_quote"] if flags[0] else []), *(["ends_with_mark"] if marks and marks[-1] >= len(doc) - 2 else [])]


def _cue_features(sent, root, cue_forms: frozenset[str]) -> list[str]:
    doc, out = sent.doc, []
    for t in doc:
        if sent.in_quote[t.i] or not t.tag_.startswith("VB") or t.lower_ not in cue_forms:
            continue
        out += [f"cue={t.lower_}", f"cue_dep={t.dep_}"]
        if any(c.dep_ == "mark" and c.lower_ == "as" for c in t.children):
            out.append("as_cue")
    if any(t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to" for t in doc):
        out.append("according_to")
    if root is not None:
        kids = {c.dep_ for c in root.children}
        out += [f"root={root.lower_}" if root.lower_ in cue_forms else f"root_pos={root.pos_}",
                *(f"root_child={d}" for d in sorted(kids & {"ccomp", "xcomp", "dobj", "neg", "advcl", "parataxis"})),
                *(["root_modal"] if any(c.lower_ in MODAL_VERBS and c.dep_ == "aux" for c in root.children) else [])]
    if any(t.dep_ == "mark" and t.lower_ == "that" for t in doc):
        out.append("that_clause")
    # every verb as written, listed or not ("believes", "wants", "expects"): the weights say which report
    out += sorted({f"verb={t.lower_}" for t in doc if t.pos_ == "VERB" and not sent.in_quote[t.i]})
    return out


def _share_bin(part: int, whole: int) -> int:
    return 0 if not part else 3 if part == whole else 1 if part * 2 < whole else 2


@dataclass(frozen=True)
class ReportShares:
    """What the sieves drafted as speech in one document, counted once for all its sentences."""
    reported: frozenset            # sentence indices drafted direct or indirect
    in_paragraph: Counter          # paragraph index -> its sentences drafted as speech
    sentences_in: Counter          # paragraph index -> its sentences


def report_shares(sentences, draft: dict) -> ReportShares:
    reported = frozenset(j for j, d in draft.items() if d.mode in ("direct", "indirect"))
    return ReportShares(reported, Counter(sentences[j].paragraph_index for j in reported),
                        Counter(s.paragraph_index for s in sentences))


def _context_features(sentences, shares: ReportShares, si: int) -> list[str]:
    """How much of the sentence's paragraph and document the sieves drafted as speech (the sentence itself
    aside): a report carried on in a text that reports throughout is likelier than one in a narrated story."""
    here, own = sentences[si].paragraph_index, int(si in shares.reported)
    same = shares.sentences_in[here] - 1
    return [f"para_reported={_share_bin(shares.in_paragraph[here] - own, same) if same else 'alone'}",
            f"doc_reported={_share_bin(len(shares.reported) - own, len(sentences) - 1) if len(sentences) > 1 else 'alone'}"]


def _neighbour_features(sentences, draft, shares: ReportShares, si: int) -> list[str]:
    out = _context_features(sentences, shares, si)
    here = sentences[si].paragraph_index
    for name, j in (("prev", si - 1), ("next", si + 1)):
        if 0 <= j < len(sentences) and sentences[j].paragraph_index == here:
            d = draft.get(j)
            out.append(f"{name}={d.rule if d is not None else 'narration'}")
        else:
            out.append(f"{name}=paragraph_edge")
    return out


def sentence_features(ctx, draft, si: int, shares: ReportShares | None = None) -> list[str]:
    """Named binary features of sentence ``si`` given the sieves' draft decisions ``draft`` (``shares``:
    :func:`report_shares` of the draft, counted once per document by a caller that reads every sentence)."""
    shares = shares if shares is not None else report_shares(ctx.parsed.sentences, draft)
    sent = ctx.parsed.sentences[si]
    doc = sent.doc
    root = main_verb(doc)
    d = draft.get(si)
    subj = subject_of(root)
    return [f"rule={d.rule if d is not None else 'narration'}",
            f"subj={subject_kind(sent, subj, ctx.source_nouns)}",
            *([f"subj_word={subj.lower_}"] if subj is not None and subj.pos_ in ("NOUN", "PRON") else []),
            f"len_bin={min(4, len(doc) // 10)}", *(["question"] if doc.text.rstrip().endswith("?") else []),
            *_quote_features(sent), *_cue_features(sent, root, ctx.cue_forms),
            *_neighbour_features(ctx.parsed.sentences, draft, shares, si)]


def _subject_clause(sent, cue_forms: frozenset[str], source_nouns: frozenset[str], known_names) -> ReportedClause | None:
    """The main verb and its subject as a reported clause, when the subject is a source (a person,
    a body, a he/she/they, a noun for who reports)."""
    root = main_verb(sent.doc)
    subj = subject_of(root)
    if subj is None or sent.in_quote[subj.i] or subj.dep_ in ("csubj", "expl"):
        return None
    if subj.pos_ == "PRON" and subj.lower_ not in SOURCE_PRONOUNS:
        return None
    if not is_source(sent, subj, source_nouns, known_names):
        return None
    cue = root.text if root.lower_ in cue_forms and not sent.in_quote[root.i] else None
    start = root.idx if cue else 0
    return ReportedClause(cue or "", start, start + len(cue or ""), subj.i, source_phrase(sent, subj), 0.0)


def _neighbour_speaker(ctx, decided, si: int):
    """The decision of the nearest reported sentence of the same paragraph, the one before first."""
    here = ctx.parsed.sentences[si].paragraph_index
    for j in (si - 1, si + 1, si - 2, si + 2):
        d = decided.get(j)
        if d is not None and d.mode in ("direct", "indirect") and ctx.parsed.sentences[j].paragraph_index == here:
            return d
    return None


def added_decision(ctx, decided, si: int, speaker_of):
    """A ``learned_reported`` decision for sentence ``si``, with a speaker named by its subject or by
    the nearest report of its paragraph; None when neither names one."""
    from flows.steps.attribute.sieves import Decision

    sent = ctx.parsed.sentences[si]
    clause = _subject_clause(sent, ctx.cue_forms, ctx.source_nouns, ctx.people.name_words)
    if clause is not None:
        speaker, role = speaker_of(ctx, si, clause)
        if speaker:
            cue = clause.cue or None
            at = (sent.start + clause.cue_start, sent.start + clause.cue_end) if cue else (None, None)
            return Decision("indirect", speaker, role, cue, *at, ADDED_RULE)
    near = _neighbour_speaker(ctx, decided, si)
    if near is None:
        return None
    return Decision("indirect", near.speaker, near.role, None, None, None, ADDED_RULE)


def is_reviewed(ctx, draft: dict, si: int) -> bool:
    """Whether the review decides sentence ``si``: one no sieve decided, or one a rule in
    ``REVIEWED_RULES`` carried a report into that has a subject of its own - a fragment ("Not a
    penny more.") goes on in the voice before it - and not wholly inside quotation marks."""
    sent = ctx.parsed.sentences[si]
    if all(sent.in_quote):
        return False
    d = draft.get(si)
    if d is None:
        return True
    return d.rule in REVIEWED_RULES and subject_of(main_verb(sent.doc)) is not None


def reviewed(ctx, draft: dict, classifier: SentenceClassifier, speaker_of) -> dict:
    """The draft decisions after the review (see the module's docstring). ``speaker_of`` names the
    source of a reported clause (``sieves.speaker_of``)."""
    if ctx.parsed is None:
        return draft
    out, shares = dict(draft), report_shares(ctx.parsed.sentences, draft)
    for si in range(len(ctx.parsed.sentences)):
        if not is_reviewed(ctx, draft, si):
            continue
        d = draft.get(si)
        p = classifier.probability(sentence_features(ctx, draft, si, shares))
        if d is not None and p < classifier.keep_threshold:
            del out[si]
        elif d is None and p >= classifier.add_threshold:
            added = added_decision(ctx, draft, si, speaker_of)
            if added is not None:
                out[si] = added
    return without_broken_carries(ctx, out)


def without_broken_carries(ctx, decided: dict) -> dict:
    """Rule ``carry_stops_at_narration``: a report carried on (``reported_carries_on``) goes on only while the
    sentence before it in its paragraph is still reported; after one the review made narration ("Republicans fear
    fraud. However, documented instances of fraud are rare. A 2014 study found ...") nothing more is carried."""
    out = dict(decided)
    for si in sorted(out):
        same_paragraph = si > 0 and ctx.surface[si - 1].paragraph_index == ctx.surface[si].paragraph_index
        if out[si].rule == "reported_carries_on" and same_paragraph and si - 1 not in out:
            del out[si]
    return out
