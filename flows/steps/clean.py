"""Cleaning: bytes -> decoded text -> normalised text -> header + body + removed lines.

Pure functions only: no Prefect, no file I/O. Every tunable number is a keyword argument.

- ``decoded(raw)``: detect the encoding and decode, or raise ``UndecodableError`` with a reason code.
- ``normalized(text)`` / ``normalized_text(text)``: mojibake, NFC, line breaks, odd spaces, controls.
- ``cleaned_document(text)``: header (title, date, byline, dateline), boilerplate, body, language.
- ``language(text)``: ISO 639-1 code (py3langid, offline).
- ``corpus_boilerplate(texts, min_docs=3)``: lines repeated across many documents of a corpus.
- ``duplicate_groups(bodies)``: doc id -> representative id, exact and near duplicates (see ``dedup``).

Where to change what: line-level boilerplate rules, watermarks and corpus furniture live in
``boilerplate``; furniture no rule names, judged by its shape in any language, in ``furniture``;
date formats, bylines, outlets and dateline prefixes in ``header``; the header zone
(which lines are title / byline / furniture before the body starts) and body-line rules (captions,
credits, sub-headings, related-story lists) are below in this module.
"""
from __future__ import annotations

import codecs
import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from flows.steps import boilerplate as bp
from flows.steps import furniture
from flows.steps import header as hd
from flows.steps import header_features as hf
from flows.steps import lexicon as lex
from flows.steps import markup
from flows.steps.deadline import NO_DEADLINE, Deadline
from flows.steps.lexicon import ABBREVIATIONS
from flows.steps.dedup import duplicate_groups  # noqa: F401  (public: doc id -> representative id)


class UndecodableError(ValueError):
    """Raw bytes that are not a text document. ``reason`` is a stable reason code."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason  # e.g. "empty_file", "binary_content", "undecodable_bytes"


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str                       # e.g. "utf-8", "utf-8-sig", "utf-16", "cp1252", "gb18030", "big5"
    repairs: tuple[str, ...] = ()       # e.g. ("bom_removed", "mojibake_fixed", "crlf_normalised")


@dataclass(frozen=True)
class RemovedLine:
    line_no: int                        # 0-based line number in the normalised text
    text: str
    rule: str                           # which rule removed it: "title", "byline", "comment_form", ...
    header_rule: str | None = None      # in the header zone, which of HEADER_RULES decided it


@dataclass(frozen=True)
class Header:
    title: str | None = None
    published_date: dt.date | None = None
    date_text: str | None = None        # the text the date was read from (or, with date_problem, not read from)
    date_problem: str | None = None     # why a date the header writes gave no published_date (hd.DateProblem)
    authors: tuple[str, ...] = ()
    outlet: str | None = None
    dateline: str | None = None         # a leading dateline prefix stripped from the body
    outlet_canonical: str | None = None  # ``outlet`` (as the page spells it) by its name in the alias table
    # which rule set each field (one of HEADER_FIELD_RULES); None exactly when the field is empty
    title_rule: str | None = None
    date_rule: str | None = None        # for published_date
    authors_rule: str | None = None     # the rule that gave the first author
    outlet_rule: str | None = None


@dataclass(frozen=True)
class CleanedDocument:
    body: str                           # the document's clean text; paragraphs/statements offsets point here
    header: Header = field(default_factory=Header)
    removed: tuple[RemovedLine, ...] = ()
    language: str | None = None         # ISO 639-1
    repairs: tuple[str, ...] = ()


# ============================================================================ decoding

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"), (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"), (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
# charset-normalizer names -> the codec we decode with (supersets, so no byte is lost)
_CODEC = {"gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "hz": "gb18030", "cp936": "gb18030",
          "shift_jis": "shift_jis", "cp932": "shift_jis", "euc_jp": "euc_jp", "euc_kr": "euc_kr", "cp949": "cp949",
          "big5": "big5hkscs", "big5hkscs": "big5hkscs", "cp950": "big5hkscs",
          "latin_1": "cp1252", "iso8859_1": "cp1252", "iso8859_15": "cp1252", "windows_1252": "cp1252",
          "cp1252": "cp1252", "ascii": "utf-8", "utf_8": "utf-8"}


def _text_ratio(text: str) -> float:
    """The share of ``text`` that is text: printable characters and white space of any kind (a run of
    no-break spaces is text, not binary content)."""
    if not text:
        return 0.0
    ok = sum(1 for c in text if c.isprintable() or c.isspace())
    return ok / len(text)


def decoded(raw: bytes, *, min_text_ratio: float = 0.9, max_nul_ratio: float = 0.05) -> Decoded:
    """Detect the encoding of ``raw`` and decode it; raise UndecodableError for non-text input.

    Order: a byte-order mark decides (UTF-8/16/32); then strict UTF-8; then UTF-8 holding a few stray
    bytes of a legacy code page (``_mostly_utf8``); then the legacy codec (cp1252, GB18030/GBK, Big5,
    Shift-JIS, cp1251 Cyrillic, cp1253 Greek, cp1255 Hebrew, cp1256 Arabic, ...) whose decoding looks least
    wrong, charset-normalizer's guess among the candidates.
    NUL bytes without a BOM are ``binary_content`` unless the file is BOM-less UTF-16/32, or strict UTF-8
    with at most ``max_nul_ratio`` of its bytes NULs (they are dropped: ``nul_bytes_removed``); so is
    text with less than ``min_text_ratio`` printable characters. Empty or whitespace-only input is
    ``empty_file``; bytes no codec decodes are ``undecodable_bytes``."""
    if not raw or not raw.strip():
        raise UndecodableError("empty_file", "the file is empty or holds only whitespace")
    for bom, codec, name in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw[len(bom):].decode(codec)
            except UnicodeDecodeError as err:
                raise UndecodableError("undecodable_bytes", f"bytes after the {name} BOM do not decode: {err}")
            return _checked(Decoded(text, name, ("bom_removed",)), min_text_ratio)
    if b"\x00" in raw:
        bom_less = _utf16_or_32_without_bom(raw, min_text_ratio=min_text_ratio)
        if bom_less is not None:
            return bom_less
        text = _utf8_with_stray_nuls(raw, max_nul_ratio)
        if text is None:
            raise UndecodableError("binary_content", "NUL bytes in a file without a UTF-16/32 byte-order mark")
        return _checked(Decoded(text, "utf-8", ("nul_bytes_removed",)), min_text_ratio)
    try:
        return _checked(Decoded(raw.decode("utf-8"), "utf-8"), min_text_ratio)
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(raw)
    if mostly is not None:
        return _checked(Decoded(mostly, "utf-8", ("stray_bytes_decoded_as_cp1252",)), min_text_ratio)
    codec = _legacy_codec(raw)
    if codec is None:
        raise UndecodableError("undecodable_bytes", "no text encoding fits these bytes")
    text = raw.decode(codec)
    name = {"gb18030": "gb18030", "big5hkscs": "big5"}.get(codec, codec.replace("_", "-"))
    return _checked(Decoded(text, name, ("legacy_encoding_decoded",)), min_text_ratio)


# Legacy encodings tried besides the detector's guess, in tie-break order.
LEGACY_CODECS = ("cp1252", "gb18030", "big5hkscs", "shift_jis", "euc_kr", "cp1251", "cp1250", "iso8859_2",
                 "cp1253", "cp1255", "cp1256")
_MULTIBYTE = ("gb18030", "big5hkscs", "shift_jis", "euc_kr")
# Single-byte code pages of one non-Latin script each (Cyrillic, Greek, Hebrew, Arabic). Their letters share
# the bytes 0xC0-0xFF, so Greek or Hebrew text read as cp1251 is Cyrillic letters that look no more wrong by
# shape; the detector's language model tells them apart, so a tie goes to its guess.
_SCRIPT_PAGES = ("cp1251", "cp1253", "cp1255", "cp1256")
_LATIN = r"A-Za-z\u00c0-\u024f"
_SANDWICH = re.compile(rf"(?<=[{_LATIN}])[^\sA-Za-z0-9\u00c0-\u024f\u2018\u2019\u201c\u201d\u2013\u2014'\-.,]"
                       rf"(?=[{_LATIN}])")
_ODD = re.compile(r"[\x80-\x9f\ue000-\uf8ff\ufffd\uff61-\uff9f]")
# a word of three or more letters, every one of them accented Latin-1 ("Ìýð ãîðîäà"): no Western language
# writes such words, but Cyrillic, Greek or Hebrew bytes read as cp1252 give little else
_ALL_ACCENTED_WORD = re.compile(r"\b[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff]{3,}+\b")


# Cyrillic and Greek letters by case. Another script's code page read as cp1251 or cp1253 gives letters of the
# wrong case: Greek accented vowels (ά έ ή ί) read as cp1251 are capitals inside lower-case words ("БхоЬнпн"), and
# Hebrew, which has no case, read as cp1251 or cp1253 is a long text without one capital letter.
_CASED_LOWER = "\u0430-\u045f\u0390\u03ac-\u03ce"
_CASED_UPPER = "\u0400-\u042f\u0386\u0388-\u038f\u0391-\u03ab"
_CAPITAL_INSIDE_WORD = re.compile(f"[{_CASED_LOWER}][{_CASED_UPPER}]")
_LOWER = re.compile(f"[{_CASED_LOWER}]")
_UPPER = re.compile(f"[{_CASED_UPPER}]")


def _implausibility(text: str) -> int:
    """How wrong a decoding looks: ftfy's mojibake badness, symbols or ideographs glued inside Latin
    words ("summer＊s"), C1 controls, private-use and half-width katakana, rare CJK characters, words
    made of accented Latin-1 letters only (another alphabet read as cp1252), Cyrillic or Greek letters of the
    wrong case (``_wrong_case``)."""
    from ftfy.badness import badness

    rare = sum(1 for c in text if ord(c) > 0x2E7F and not _common_cjk(c))
    return (badness(text) + 3 * len(_SANDWICH.findall(text)) + 5 * len(_ODD.findall(text)) + 2 * rare
            + 3 * len(_ALL_ACCENTED_WORD.findall(text)) + _wrong_case(text))


def _wrong_case(text: str, *, min_letters: int = 40, per_letters: int = 10) -> int:
    """Cyrillic or Greek that its own writers would not write: 3 for each capital right after a lower-case letter,
    and, for at least ``min_letters`` lower-case letters with no capital among them, one per ``per_letters`` of
    them (news has capitals: sentences and names start with one)."""
    inside = 3 * len(_CAPITAL_INSIDE_WORD.findall(text))
    lower = len(_LOWER.findall(text))
    uncased = lower // per_letters if lower >= min_letters and not _UPPER.search(text) else 0
    return inside + uncased


@functools.lru_cache(maxsize=65536)
def _common_cjk(char: str) -> bool:
    """In one of the classic national character sets (GB2312, Big5, JIS X 0208, KS X 1001): the
    characters in everyday use. A wrong CJK decoding produces characters outside all of them."""
    for codec in ("gb2312", "big5", "euc_jp", "euc_kr"):
        try:
            char.encode(codec)
            return True
        except UnicodeEncodeError:
            continue
    return not ("\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or "\uac00" <= char <= "\ud7af")


def _legacy_codec(raw: bytes, *, sample_bytes: int = 65536) -> str | None:
    """The legacy codec whose strict decoding of ``raw`` looks least wrong.

    Candidates: charset-normalizer's guess and ``LEGACY_CODECS``, judged on the first ``sample_bytes``.
    Ties go to the detector's guess when it is a multibyte (CJK) codec or the code page of a non-Latin script
    (``_SCRIPT_PAGES``: Greek in cp1253 and Hebrew in cp1255 tie with cp1251), else to cp1252 (the detector
    confuses the Western code pages). The winner must decode the whole of ``raw`` strictly."""
    from charset_normalizer import from_bytes

    sample = raw[:sample_bytes]
    best = from_bytes(sample).best()
    guess = _CODEC.get(best.encoding, best.encoding) if best is not None else None
    order = list(LEGACY_CODECS)
    if guess and guess not in order:
        # an unlisted guess (iso8859-13, cp775, mac-*, cp932, ...) is usually the detector confusing
        # code pages on text with few non-ASCII bytes: try it last
        order.append(guess)
    elif guess in _MULTIBYTE or guess in _SCRIPT_PAGES:
        order.remove(guess)
        order.insert(0, guess)
    scored = []
    for rank, codec in enumerate(order):
        try:
            text = codecs.getincrementaldecoder(codec)().decode(sample, final=len(sample) == len(raw))
        except (UnicodeDecodeError, LookupError):
            continue
        scored.append((_implausibility(text), rank, codec))
    for _, _, codec in sorted(scored):
        try:
            raw.decode(codec)
        except UnicodeDecodeError:
            continue
        return codec
    return None


def _utf16_or_32_without_bom(raw: bytes, *, min_text_ratio: float, min_nul_share: float = 0.3) -> Decoded | None:
    """UTF-16 or UTF-32 text saved without a byte-order mark: NULs in every other byte, or in three bytes
    of four (ASCII-range text). UTF-32 is tried first: UTF-16 text never decodes as strict UTF-32."""
    if len(raw) % 2 or len(raw) < 4:
        return None
    wide = (("utf-32-le", raw[1::4] + raw[2::4] + raw[3::4]), ("utf-32-be", raw[0::4] + raw[1::4] + raw[2::4]))
    for codec, zeros in (*(wide if len(raw) % 4 == 0 else ()), ("utf-16-le", raw[1::2]), ("utf-16-be", raw[0::2])):
        if zeros.count(0) < min_nul_share * len(zeros):
            continue
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        if text.strip() and _text_ratio(text) >= min_text_ratio and "\x00" not in text:
            name = codec[:6]
            return Decoded(text, name, (f"{name.replace('-', '')}_without_bom",))
    return None


def _utf8_with_stray_nuls(raw: bytes, max_nul_ratio: float) -> str | None:
    """The text of strict UTF-8 bytes holding a few NULs (at most ``max_nul_ratio`` of them), the NULs
    dropped; None for anything else (binary data has NULs and bytes that are not UTF-8)."""
    if raw.count(b"\x00") > max_nul_ratio * len(raw):
        return None
    try:
        return raw.replace(b"\x00", b"").decode("utf-8")
    except UnicodeDecodeError:
        return None


def _mostly_utf8(raw: bytes) -> str | None:
    """UTF-8 text with a few stray bytes of a legacy code page (a Latin-1 "é" pasted into UTF-8), each
    stray byte decoded as cp1252 (Latin-1 where cp1252 has no character); None unless the valid multibyte
    UTF-8 characters are at least as many as the stray bytes (text wholly in a legacy encoding has far more
    bytes that are not UTF-8 than sequences that happen to be). Pure ASCII with stray bytes is left to
    the legacy codecs, which read it the same way."""
    text = raw.decode("utf-8", "surrogateescape")
    stray = sum(1 for c in text if "\udc80" <= c <= "\udcff")
    multibyte = sum(1 for c in text if c > "\x7f") - stray
    if not 0 < stray <= multibyte:
        return None
    return "".join(_cp1252_byte(ord(c) - 0xDC00) if "\udc80" <= c <= "\udcff" else c for c in text)


def _cp1252_byte(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8d, 0x8f, 0x90, 0x9d: C1 controls, removed by ``normalized``
        return bytes([byte]).decode("latin-1")


def _checked(dec: Decoded, min_text_ratio: float) -> Decoded:
    if not dec.text.strip():
        raise UndecodableError("empty_file", "the file holds no text")
    if _text_ratio(dec.text) < min_text_ratio:
        raise UndecodableError("binary_content", f"mostly non-text content (decoded as {dec.encoding})")
    return dec


# ============================================================================ normalisation

@dataclass(frozen=True)
class Normalized:
    text: str
    repairs: tuple[str, ...] = ()


_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f]")
_ZERO_WIDTH = re.compile(r"[\u200b\u2060\ufeff\u180e\u00ad]")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_SEPS = re.compile(r"\r\n|\r|\u2028|\u2029|\x85")


def _ftfy_config():
    from ftfy import TextFixerConfig

    # keep curly quotes (attribution needs them) and full-width CJK punctuation
    # and leave control characters and Unicode normalisation to our own, separately recorded steps
    return TextFixerConfig(uncurl_quotes=False, fix_character_width=False, fix_latin_ligatures=True,
                           fix_line_breaks=False, remove_control_chars=False, remove_terminal_escapes=False,
                           normalization=None, explain=False)


def normalized(text: str, *, max_rounds: int = 4) -> Normalized:
    """``text`` with an HTML document's markup read into text lines, mojibake repaired (ftfy), NFC, LF line breaks, plain spaces, no zero-width or
    control characters, no trailing spaces; ``repairs`` names the fixes that changed something.
    Idempotent: ``normalized(normalized(t).text).text == normalized(t).text``."""
    import ftfy

    repairs = []
    steps = (
        ("html_to_text", lambda t: markup.html_text(t) if markup.is_html_document(t) else t),
        ("line_breaks_normalised", lambda t: _LINE_SEPS.sub("\n", t)),
        ("mojibake_fixed", lambda t: ftfy.fix_text(t, _ftfy_config())),
        ("unicode_nfc", lambda t: unicodedata.normalize("NFC", t)),
        ("odd_spaces_replaced", lambda t: _SPACES.sub(" ", t)),
        ("zero_width_removed", lambda t: _ZERO_WIDTH.sub("", t)),
        ("control_chars_removed", lambda t: _CONTROLS.sub("", _LINE_SEPS.sub("\n", t))),
        ("trailing_spaces_removed", lambda t: "\n".join(line.rstrip() for line in t.split("\n"))),
    )
    for _ in range(max_rounds):  # to a fixed point, so that normalising twice changes nothing
        before = text
        for name, step in steps:
            new = step(text)
            if new != text:
                repairs.append(name)
                text = new
        if text == before:
            break
    return Normalized(text, tuple(dict.fromkeys(repairs)))


def normalized_text(text: str) -> str:
    """``normalized(text).text``."""
    return normalized(text).text


# ============================================================================ language

# py3langid also answers with ISO 639-3 codes. A variety of a macrolanguage that has an ISO 639-1
# code takes that code (ISO 639-3 macrolanguage membership); any other 639-3 code has no 639-1
# code, so the column is left null rather than holding a code outside its standard.
MACROLANGUAGE_639_1 = {"wuu": "zh", "yue": "zh", "ary": "ar", "arz": "ar", "uzs": "uz", "gug": "gn",
                       "fuv": "ff", "sdh": "ku", "kik": "ki"}


def iso639_1(code: str) -> str | None:
    """The ISO 639-1 form of a language code py3langid returns, or None where there is none."""
    if len(code) == 2:
        return code
    return MACROLANGUAGE_639_1.get(code)


def language(text: str, *, max_chars: int = 4000) -> str | None:
    """ISO 639-1 code of ``text`` (py3langid, offline), or None for text without letters or in a
    language with no ISO 639-1 code."""
    sample = text[:max_chars]
    if not any(c.isalpha() for c in sample):
        return None
    import py3langid

    code, _ = py3langid.classify(sample)
    return iso639_1(code)


# ============================================================================ header + body

_TERMINAL = ".!?。！？…\"”’'»)）」』】"
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]")
# White space is taken whole (``*+``, ``++``): what follows each run starts with a non-space, so no
# match is lost, and a long run costs linear time (adjacent ``\s*[:：]?\s*`` was quadratic, issue 9).
_DATE_PREFIX = re.compile(rf"^\s*+(?:{hd.DATE_LABELS})\s*+[:：]?+\s*+(?P<date>(?:19|20)\d{{2}}-\d{{2}}-\d{{2}})"
                          r"(?:\s++\d{1,2}:\d{2}(?::\d{2})?)?\s++(?=\S)", re.IGNORECASE)
_WIRE_HEAD = re.compile(r"^(?P<org>[A-Z][\w.&' ]{1,40}?),\s*(?P<place>[A-Z][\w' ]{1,30}),\s*"
                        r"(?P<date>[A-Z][a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?)\s*[.:：]?\s*"
                        r"(?:(?:title|topic|subject|headline)\s*[:：]\s*)?(?P<title>.*)$", re.IGNORECASE)
# a picture's credit: a wire ("(AFP)", "(Xinhua/Jane Roe)", "(Jane Roe/Reuters)"), a photo agency or "photo"
_WIRES = hd.words_alternation(lex.WIRE_WORDS)
# A caption's bracket holds no opening bracket (``[^\][]``, ``[^()]``): each try from an opening bracket
# stops at the next one, so a line of many "(photo" costs linear time; ``[^)]*`` ran to the line's end
# from every one of them (quadratic, issue 9).
_CAPTION = re.compile(
    r"(.*(\[(photo|图|圖)[^\][]*\]|\((file\s+)?photo[^()]*\)(\s*\([^)]*\))?|\((getty\s*images|"
    rf"(?:{_WIRES})(?:/[^()]*)?|[^()]{{0,40}}/(photo|{_WIRES}|cfp|ic|vcg)[^()]*)\))\s*|"
    r"(top|bottom|upper|lower|middle|above|below|left|right|center)(\s+(left|right|center|top|bottom))?\s*:\s+.{20,}|"
    r"(file\s+)?photo(graph)?\s*[:：/]\s*.{0,80}|.{0,60}photograph\s*:\s*\(.{0,40}\)|"
    r"\([A-Z][\w .]{1,30}/[A-Z][\w .]{1,30}\)|\([A-Z0-9 ]{3,40}\)\s*[A-Z0-9][A-Z0-9 ,.'\-]{5,80}(\([A-Z]{2}\))?)",
    re.IGNORECASE)
# a caption that ends with its picture's credit, whatever it describes: a credit label and who is credited
# ("Both teams in action. Image Credit: ANI"), or a photographer and a wire after its last sentence ("A logo on the
# headquarters in Geneva, on June 25, 2020. Denis Balibouse/Reuters")
_CREDITED_CAPTION = re.compile(
    r".*\b(?:image|photo|picture)\s++credits?\s*+[:：]\s*+[^.!?]{1,60}|"
    rf".*[.!?)]\s++[A-Z][\w.'\-]*+(?: [A-Z][\w.'\-]*+){{0,3}}\s*+/\s*+(?:{_WIRES})\s*+", re.IGNORECASE)
# The leading white space is taken whole (``\s*+``): the credit starts at the first non-space, so a
# line of "(" and a long run of spaces is tried from one place, not from each space (each try cost
# 200 times the run: seconds for 3,000 spaces, issue 9).
_EDITOR_LABELS = hd.words_alternation(lex.EDITOR_LABELS)
_CREDIT = re.compile(r"\(?\s*+((additional\s+)?(reporting|writing|editing|edited|compiled|translated)\s+by\s+[^.]{2,120}|"
                     r"(responsible\s+|executive\s+)?editors?\s*[:：]\s*[\w .,'’\-]{2,60}|"
                     rf"[【\[]\s*({_EDITOR_LABELS})\s*[:：][^】\]]{{1,30}}[】\]]|"
                     rf"({_EDITOR_LABELS})\s*[:：]\s*[^\s，。]{{1,20}}(\s+[^\s，。]{{1,20}}){{0,2}}|"
                     rf"\(({_WIRES})\)|"
                     r"[^()]{2,200}\s++contributed\s+to\s+this\s+(story|report|article)\s*\.?)\s*\)?\.?", re.IGNORECASE)
_LABEL_PREFIX = re.compile(rf"^({hd.words_alternation(lex.ABSTRACT_LABELS + lex.KEYWORD_LABELS)})\s*[:：]\s*",
                           re.IGNORECASE)
_KEYWORDS = re.compile(rf"^({hd.words_alternation(lex.KEYWORD_LABELS)})\s*[:：]", re.IGNORECASE)
# glued to the end of a body line. A tail starts where its white space starts (``(?<!\s)``) and takes
# it whole: searched from inside a long run of spaces, the old ``\s*`` rescanned the rest of the run at
# every position (quadratic, issue 9); the leftmost match is the same.
_TAILS = (
    ("photo_credit", re.compile(r"(?<!\s)\s*+\((?:[A-Z][\w.]*(?: [A-Z][\w.]*){0,3})/(?:[A-Z][\w.\-]*(?: [A-Z][\w.\-]*){0,3})\)\s*$")),
    ("read_more", re.compile(r"(?<=[.!?”\"…'’])\s*+(?:…|\.\.\.)?+\s*+(?:read\s+more|continue\s+reading|read\s+the\s+full\s+"
                             r"(?:story|article))\s*+(?:»|>>|→|\.\.\.)?+\s*+$", re.IGNORECASE)),
)
_SECTION_HEAD = re.compile(r"((?=[IVXLC]+\b)[IVXLC]+|\d{1,2}|[A-H])\s*[.、)]\s*(\S[^.!?。！？]{0,100}[^.!?。！？:：,;])?")


def _words(s: str) -> int:
    return len(s.split())


def _is_cjk(s: str) -> bool:
    return len(_CJK.findall(s)) > len(s) / 3


def _ends_sentence(s: str) -> bool:
    """``s`` ends with sentence punctuation, possibly followed by closing quotes (not with "...")."""
    t = s.rstrip("\"”’'»」』")
    if t.endswith(("...", "…")):
        return False
    return bool(t) and t[-1] in ".!?。！？" and (t != s or t[-1] in ".!?。！？")


_LABELLED_SENTENCE = re.compile(r"^(?:[A-Z][\w.'’\-]*(?: [A-Z][\w.'’\-]*){0,3}|[QA])\s*[:：]\s+\S.*[.!?。！？\"”’]$")
_NAME_COMMA = re.compile(r"^[A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+){1,3},\s")


def _is_body_like(s: str, *, min_words: int = 8, run_on_words: int = 12, long_words: int = 25,
                  min_cjk: int = 30, long_cjk: int = 60) -> bool:
    """A paragraph of running text: long enough and ending like a sentence, or a long run-on line
    that is not a "Name, role" or bullet line; also salutations and speaker labels."""
    if _is_cjk(s):
        return (len(s) >= min_cjk and _ends_sentence(s)) or len(s) >= long_cjk
    n = _words(s)
    if n >= min_words and _ends_sentence(s):
        return True
    if _NAME_COMMA.match(s) or _LABEL_PREFIX.match(s) or s[0] in "-–—•·*":
        return False
    if (n >= run_on_words and s[0].isupper()) or n >= long_words:
        return True
    return _is_salutation(s) or _is_speaker_label(s)


def _is_salutation(s: str) -> bool:
    return _words(s) <= 6 and s[-1] in ",!" and s[0].isupper()


def _is_speaker_label(s: str) -> bool:
    if not s.endswith((":", "：")) or _words(s) > 5:
        return False
    return s[:-1].strip().lower() not in lex.HEADER_LABELS


def _is_label(s: str) -> bool:
    bare = s.strip().rstrip(":：").strip().lower()
    return bare in lex.HEADER_LABELS or (_words(s) <= 2 and s.endswith((":", "：")))


def _is_title_candidate(s: str, *, min_words: int = 4, max_chars: int = 350, min_cjk: int = 10) -> bool:
    if len(s) > max_chars or s[-1] in ".,;:：，；、…" or hd.date_stamp(s) or _LABEL_PREFIX.match(s):
        return False
    if any(m.group(1).lower() not in ABBREVIATIONS for m in re.finditer(r"(\w*[a-z]{2})[.!?]\s+[A-Z]", s)) \
            or re.search(r"[。！？]\S", s):
        return False  # holds a sentence boundary: running text, not a headline ("Sen. Ruth Marks" is none)
    opens_with_tag = s[0] in "#@" and s[1:2].isalnum()     # "#GirlIGuessImWithHer Is ...": a hashtag, no markup
    if not (s[0].isupper() or s[0].isdigit() or s[0] in "\"“‘'«「『【(" or opens_with_tag or _is_cjk(s[:3])
            or not s[0].isascii()):
        return False
    if _is_cjk(s):
        return len(s) >= min_cjk
    return _words(s) >= min_words


def _is_heading_case(s: str, *, max_words: int = 6) -> bool:
    """Short, or Title Case (most words capitalised): "Introduction", "Rights of the Person"."""
    words = [w for w in s.split() if w.lower() not in ("of", "the", "and", "in", "on", "for", "to", "a", "an", "with")]
    return len(s.split()) <= max_words and sum(w[:1].isupper() for w in words) >= 0.6 * max(1, len(words))


_GREETING = re.compile(r"^(good\s+(morning|afternoon|evening)|hello|hi|thank|thanks|ladies|dear|welcome|excellenc|"
                       r"distinguished|honou?rable|friends|colleagues)\b", re.IGNORECASE)
_REPORTING = re.compile(rf"\b(?:{hd.words_alternation(lex.CUES)})\b")    # a reporting cue: a sentence, no signature
_FUNCTION_END = re.compile(r"\b(the|a|an|of|to|and|or|in|on|at|for|with|by|from|that|is|are|was|were|as)$", re.IGNORECASE)


def _is_subheading(s: str, *, next_line: str = "", max_words: int = 15, max_chars: int = 120, min_words: int = 4,
                   max_cjk: int = 30, max_signature_words: int = 20) -> bool:
    """A short heading line inside the body: no sentence end, capitalised, not a name or label,
    not a hard-wrapped piece of a paragraph (ends in a function word, or the next line goes on in
    lower case); also "Name, role" signature lines."""
    m = _SECTION_HEAD.fullmatch(s)
    if m and len(s) <= max_chars and (m.group(1)[0] in "IVXLC" or _is_heading_case(m.group(2) or "")):
        return True
    if s[-1] in _TERMINAL + ":：,，;；" or re.search(r"[.!?。！？]\s", s):
        return False
    if s.strip().lower() in lex.HEADER_LABELS:
        return True
    if next_line[:1].islower() or _FUNCTION_END.search(s) or _GREETING.match(s):
        return False
    if _is_cjk(s):
        return len(s) <= max_cjk
    if _NAME_COMMA.match(s) and _words(s) <= max_signature_words and not _REPORTING.search(s):
        return True
    if len(s) > max_chars or not (s[0].isupper() or s[0] in "‘'\"“"):
        return False
    n = _words(s)
    return min_words <= n <= max_words and hd.person_name(s) is None


@dataclass
class _Collected:
    title: tuple[int, str] | None = None
    dates: list[tuple[int, hd.FoundDate]] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    outlets: list[tuple[int, str]] = field(default_factory=list)    # (priority, outlet): lower wins
    name_lines: list[str] = field(default_factory=list)              # name-only lines before any title
    header_lines: list[str] = field(default_factory=list)
    org_lines: list[str] = field(default_factory=list)               # organisation names under the title
    dateline: hd.Dateline | None = None
    # the rule that collected the title, and each date, author and outlet (same order): see ``credit``
    title_rule: str | None = None
    title_line: int = -1                                             # the line title_rule credited
    date_rules: list[str] = field(default_factory=list)
    author_rules: list[str] = field(default_factory=list)
    outlet_rules: list[str] = field(default_factory=list)

    def credit(self, rule: str) -> None:
        """Name ``rule`` as the one that collected every date, author and outlet not credited yet, and the
        title when it now stands on another line (a headline continued on the next line keeps its rule)."""
        for items, rules in ((self.dates, self.date_rules), (self.authors, self.author_rules),
                             (self.outlets, self.outlet_rules)):
            rules.extend([rule] * (len(items) - len(rules)))
        if self.title is not None and self.title[0] != self.title_line:
            self.title_rule, self.title_line = rule, self.title[0]


def _next_text_lines(lines: list[str]) -> list[int]:
    """For each line, the index of the next line that is not blank (``len(lines)`` when none): one pass,
    where looking ahead from each header line took quadratic time (issue 9)."""
    found, after = [len(lines)] * len(lines), len(lines)
    for i in range(len(lines) - 1, -1, -1):
        found[i] = after
        if lines[i] and not lines[i].isspace():
            after = i
    return found


@dataclass
class _Cleaning:
    """What the passes over one document's lines have decided: its metadata, removed lines and repairs."""
    got: _Collected = field(default_factory=_Collected)
    removed: list[RemovedLine] = field(default_factory=list)
    repairs: list[str] = field(default_factory=list)
    title_rows: list[int] = field(default_factory=list)   # where ``removed`` holds "title" rows

    def remove(self, i: int, text: str, rule: str, header_rule: str | None = None) -> None:
        if rule == "title":
            self.title_rows.append(len(self.removed))
        self.removed.append(RemovedLine(i, text, rule, header_rule))

    def relabel_titles(self) -> None:
        """The rows removed as "title" were masthead text after all: they become "header" rows."""
        for k in self.title_rows:
            self.removed[k] = replace(self.removed[k], rule="header")
        self.title_rows.clear()


@dataclass(frozen=True)
class _Limits:
    max_title_line: int
    max_header_chars: int
    max_caption_words: int
    max_early_date_line: int


@dataclass
class _Zone:
    """Where the header pass stands: still in the header zone, lines seen there, whether a title may come."""
    open: bool = True
    seen: int = 0
    title_allowed: bool = True


def cleaned_document(text: str, *, corpus_boilerplate: frozenset[str] = frozenset(),
                     max_title_line: int = 6, max_header_chars: int = 200,
                     max_caption_words: int = 80, max_early_date_line: int = 3,
                     deadline: Deadline = NO_DEADLINE) -> CleanedDocument:
    """Normalise ``text``, split off header and boilerplate lines, return the body and metadata.

    The header zone is the run of lines before the first paragraph of running text: there the title
    (first title-like line), date stamps, bylines and source lines are read and removed by HEADER_RULES;
    lines above the title are site furniture. Every line is checked against the boilerplate rules, the
    corpus's repeated lines, caption/credit lines; body lines against sub-headings and trailing furniture.
    The first body paragraph loses its dateline prefix. ``body`` is the remaining lines joined by "\\n".
    ``deadline`` is checked line by line."""
    norm = normalized(text)
    lines = norm.text.split("\n")
    state = _Cleaning(repairs=list(norm.repairs))
    limits = _Limits(max_title_line, max_header_chars, max_caption_words, max_early_date_line)
    body_idx = _header_zone(lines, state, limits, corpus_boilerplate=corpus_boilerplate, deadline=deadline)
    body_rows = _body_lines(body_idx, state, limits, deadline=deadline)
    body = "\n".join(line for _, line in body_rows)
    lang = language(body if len(body) >= 40 else norm.text)
    drop = furniture.furniture_rows(body_rows, lang, ruled={r.line_no: r.rule for r in state.removed})  # by shape
    for i, line in body_rows:
        if i in drop:
            state.remove(i, line, drop[i])
    body = "\n".join(line for i, line in body_rows if i not in drop)
    header = _header(state.got, body)
    if header.published_date is None:
        header = _dated_in_any_language(header, state.removed, lang)
    if header.published_date is None:
        header = _with_date_problem(header, state.removed, body)
    return CleanedDocument(body=body, header=header, removed=tuple(sorted(state.removed, key=lambda r: r.line_no)),
                           language=lang, repairs=tuple(dict.fromkeys(state.repairs)))


def _header_zone(lines: list[str], state: _Cleaning, limits: _Limits, *, corpus_boilerplate: frozenset[str],
                 deadline: Deadline) -> list[tuple[int, str]]:
    """First pass: boilerplate lines anywhere, and the header zone up to its first line of running text.
    Returns the body's lines as (line number, text)."""
    watermark = bp.watermark_suffix(lines)
    if watermark:
        state.repairs.append("watermark_removed")
    next_text = _next_text_lines(lines)
    zone, related_list = _Zone(), False   # related_list: inside a "Related Articles" list of headlines
    body_idx: list[tuple[int, str]] = []
    for i, raw_line in enumerate(lines):
        deadline.check("clean")
        line = _without_watermark(i, raw_line.strip(), watermark, state)
        if not line:
            continue
        rule = _boilerplate_line_rule(i, line, state.got, corpus_boilerplate=corpus_boilerplate,
                                      related_list=related_list, max_caption_words=limits.max_caption_words)
        if rule:
            state.remove(i, line, rule)
            related_list = _continues_related_list(rule, line, related_list)
            continue
        related_list = False
        if zone.open:
            next_line = lines[next_text[i]].strip() if next_text[i] < len(lines) else ""
            below = lines[i + 1] if i + 1 < len(lines) else None
            line = _header_zone_line(i, line, state, zone, limits, next_line=next_line,
                                     neighbours=(lines[i - 1] if i else "", below or ""),
                                     blank_after=below is not None and not below.strip())
            if line is None:
                continue
            zone.open = False
        body_idx.append((i, line))
    return body_idx


def _without_watermark(i: int, line: str, watermark: str | None, state: _Cleaning) -> str:
    if watermark and line.endswith(watermark):
        state.remove(i, watermark, "watermark")
        line = line[: -len(watermark)].rstrip()
    return line


def _boilerplate_line_rule(i: int, line: str, got: _Collected, *, corpus_boilerplate: frozenset[str],
                           related_list: bool, max_caption_words: int) -> str | None:
    """The rule that makes ``line`` boilerplate wherever it stands, in order: the boilerplate table, the
    corpus's repeated lines, a repeat of the title, a credit, a caption, a headline in a related-stories list."""
    rule = bp.boilerplate_rule(line)
    if rule is None and bp.in_corpus_boilerplate(line, corpus_boilerplate):
        rule = "corpus_repeated"
    if rule is None and got.title is not None and i != got.title[0] and _same_text(line, got.title[1]):
        rule = "title"
    if rule is None and (_CREDIT.fullmatch(line) or _outlet_credit(line)):
        rule = "credit"
    if rule is None and _words(line) <= max_caption_words and (_CAPTION.fullmatch(line) or _CREDITED_CAPTION.fullmatch(
            line)) and not _is_body_like_sentence(line):
        rule = "caption"
    if rule is None and related_list and _is_headline_like(line):
        rule = "related_list"
    return rule


def _outlet_credit(line: str) -> bool:
    """``line`` is only an outlet the alias table knows, in parentheses: "(Xinhua News Agency)", "(Kyodo)"."""
    s = line.strip().rstrip(".")
    return s[:1] in "(（" and s[-1:] in ")）" and hd.known_outlet(s[1:-1])


def _continues_related_list(rule: str, line: str, related_list: bool) -> bool:
    return (rule == "related_list" or (rule == "more_from_section" and bool(_LIST_OPENER.fullmatch(line)))
            or (related_list and rule in _LIST_FURNITURE))


def _header_zone_line(i: int, line: str, state: _Cleaning, zone: _Zone, limits: _Limits, *, next_line: str,
                      neighbours: tuple[str, str], blank_after: bool) -> str | None:
    """A header-zone line: None when the header rules take it out, else the line (less a leading date
    stamp) where the body starts."""
    m = _DATE_PREFIX.match(line)
    if m:
        if fd := hd.found_date(m.group("date")):
            state.got.dates.append((i, fd))
            state.got.credit("date_prefix")
        state.remove(i, line[: m.end()].strip(), "date")
        line = line[m.end():].strip()
    ln = _HeaderLine(i, line, zone.seen, zone.title_allowed, next_line=next_line, blank_after=blank_after,
                     neighbours=neighbours,
                     max_title_line=limits.max_title_line, max_header_chars=limits.max_header_chars)
    decided_by, kind = _header_line(ln, state.got)
    if kind is None:
        return line
    if kind == "retitle":
        state.relabel_titles()
        kind = "title"
    if kind == "title_block":
        zone.title_allowed = False
        kind = "header"
    state.remove(i, line, kind, decided_by)
    if _words(line) >= 3 or len(line) >= 6 and _is_cjk(line):
        zone.seen += 1  # one- and two-word menu items do not push the title out of reach
    return None


def _body_lines(body_idx: list[tuple[int, str]], state: _Cleaning, limits: _Limits, *,
                deadline: Deadline) -> list[tuple[int, str]]:
    """Second pass over the body's lines: the article's first dateline, a byline or date stamp among the
    first lines, keyword lines, section labels, sub-headings, trailing furniture and injected spam."""
    kept: list[tuple[int, str]] = []
    last = len(body_idx) - 1
    colon_ok = not _has_colon_labels(body_idx)
    for k, (i, line) in enumerate(body_idx):
        deadline.check("clean")
        if k == 0 or (k <= limits.max_early_date_line and state.got.dateline is None):
            line = _without_dateline(i, line, state, colon_ok=colon_ok and k == 0)
        if k <= limits.max_early_date_line and _early_header_line(i, line, state, limits):
            continue
        if _KEYWORDS.match(line):
            state.remove(i, line, "keywords")
            continue
        line = _without_label_prefix(i, line, state)
        if 0 < k < last and _is_subheading(line, next_line=body_idx[k + 1][1]):
            state.remove(i, line, "subheading")
            continue
        line = _without_tails_and_spam(i, line, state)
        if line:
            kept.append((i, line))
    return _without_repeated_teasers(kept, state)


MIN_TEASER_CHARS = 60       # a shorter line may open a later one by chance
TEASER_LINES = 5            # teasers stand among the body's first lines


def _without_repeated_teasers(kept: list[tuple[int, str]], state: _Cleaning) -> list[tuple[int, str]]:
    """Rule ``repeated_teaser``: one of the body's first ``TEASER_LINES`` lines, ``MIN_TEASER_CHARS`` long at
    least, that a later line repeats from its start - a standfirst cut off where the page ran out of room ("FC Goa
    assistant head coach Jon Roe was pleased with ... in the Indian Super") above the paragraph it teases, or the
    same paragraph twice - goes: the later line holds every word of it."""
    teasers = {k for k, (_, line) in enumerate(kept[:TEASER_LINES]) if len(line) >= MIN_TEASER_CHARS and any(
        later.startswith(line) for _, later in kept[k + 1:])}
    for k in sorted(teasers):
        state.remove(kept[k][0], kept[k][1], "repeated_teaser")
    return [row for k, row in enumerate(kept) if k not in teasers]


def _without_dateline(i: int, line: str, state: _Cleaning, *, colon_ok: bool) -> str:
    """``line`` less its dateline prefix, whose date and credited outlet are collected. The article's first
    paragraph carries the dateline, below a standfirst or deck where there is one; so one of the body's first
    lines loses it (a colon ends a dateline only on the very first line, and only where ``colon_ok``)."""
    dl = hd.dateline(line, colon_ok=colon_ok)
    if dl is None:
        return line
    _collect_dateline(state.got, i, dl)
    state.got.credit("body_dateline")
    state.remove(i, dl.text, "dateline")
    return line[dl.end:].strip()


def _early_header_line(i: int, line: str, state: _Cleaning, limits: _Limits) -> bool:
    """A byline or date stamp among the body's first lines (below a long standfirst that already started the
    body): its metadata collected and the line removed."""
    got = state.got
    b = hd.byline(line) if len(line) <= limits.max_header_chars else None
    if b is not None and (b.authors or b.outlet or hd.found_date(line)):
        got.authors.extend(b.authors)  # deduplicated once, in _header
        got.outlets.extend([(1, b.outlet)] if b.outlet else [])
        got.dates.extend([(i, fd)] if (fd := hd.found_date(line)) else [])
        got.credit("body_byline")
        state.remove(i, line, "byline")
        return True
    stamp = hd.date_stamp(line, max_extra_words=2)
    if stamp is None or _ends_sentence(line):
        return False
    got.dates.append((i, stamp))
    lead = line.split(",")[0].strip()
    if lead != line and hd.looks_like_outlet(lead) and len(lead.split()) <= 4:
        got.outlets.append((2, hd.clean_outlet(lead)))
    got.credit("body_date_stamp")
    state.remove(i, line, "date")
    return True


def _without_label_prefix(i: int, line: str, state: _Cleaning) -> str:
    m = _LABEL_PREFIX.match(line)
    if m is None or len(line) <= m.end():
        return line
    state.remove(i, line[: m.end()].strip(), "section_label")
    return line[m.end():]


def _without_tails_and_spam(i: int, line: str, state: _Cleaning) -> str:
    for rule, tail in _TAILS:
        m = tail.search(line)
        if m and m.start() > 0:
            state.remove(i, line[m.start():].strip(), rule)
            line = line[: m.start()].rstrip()
    spans = bp.spam_spans(line)
    for a, b in spans:
        state.remove(i, line[a:b], "injected_spam")
    for a, b in reversed(spans):
        line = line[:a] + line[b:]
    if spans:
        state.repairs.append("spam_removed")
    return line


_INLINE_LABEL = re.compile(r"[.!?。！？\"”]\s++[A-Z][\w.'’\-]*+(?: [A-Z][\w.'’\-]*+){0,3}[:：]\s")  # "... yet? Wang Wenbin: "
_COLON_LABEL = re.compile(r"[^\W\d_][\w.'’\-]*+(?: [\w.'’\-]++){0,4}\s*+[:：]\s")


def _has_colon_labels(lines: list[tuple[int, str]]) -> bool:
    """A paragraph after the first opens with a short label and a colon (``Wang Wenbin: ``,
    ``KYRA PHILLIPS: ``), or one appears after a sentence end inside any paragraph: the document labels its
    speakers, so a first paragraph's ``CRI: `` is a label, not a dateline."""
    return any((k and _COLON_LABEL.match(line)) or _INLINE_LABEL.search(line) for k, (_, line) in enumerate(lines))


_LIST_FURNITURE = ("media_label", "media_player", "markup_residue", "caption")
_LIST_OPENER = re.compile(  # headings of lists of other articles (not "Story highlights" or "Read more")
    rf"({bp.RELATED_LIST_HEADING})\s*+[:：]?+\s*+(>>|»|›)?", re.IGNORECASE)  # spaces whole: linear


def _is_headline_like(s: str, *, max_words: int = 25) -> bool:
    """A linked headline in a related-stories list: short, no sentence end."""
    return _words(s) <= max_words and not _ends_sentence(s) and not s.endswith((":", "："))


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold().rstrip(" |·-–—") == " ".join(b.split()).casefold().rstrip(" |·-–—")


def _is_body_like_sentence(s: str) -> bool:
    return _words(s) >= 12 and s[-1] in ".!?" and not re.search(r"[\])]\s*\.?$", s)


_BODY = "body"   # a header rule's verdict that the line is running text: the body starts here


@dataclass
class _HeaderLine:
    """One line of the header zone, where it stands, and the limits the header rules read."""
    i: int
    line: str
    seen: int                     # non-empty, non-boilerplate header lines above it
    title_allowed: bool
    next_line: str
    blank_after: bool              # a blank line follows it (not the document's end)
    neighbours: tuple[str, str]    # the raw lines above and below it ("" at either end)
    max_title_line: int
    max_header_chars: int
    max_title_words: int = 20

    @property
    def short(self) -> bool:
        return len(self.line) <= self.max_header_chars

    def may_take_title(self, got: _Collected) -> bool:
        return got.title is None and self.title_allowed and self.seen < self.max_title_line

    @functools.cached_property
    def title_like(self) -> bool:
        """Shaped like a headline: no sentence end, or a short question or exclamation that is not a
        labelled turn; or the document's first line set apart by a blank line (or followed by a deck after a
        semicolon), a headline even with a full stop."""
        line, n = self.line, _words(self.line)
        shaped = _is_title_candidate(line) and (not _ends_sentence(line) or (
            line[-1] in "?!？！" and n <= self.max_title_words
            and (not _LABELLED_SENTENCE.match(line) or _RUBRIC.match(line))))
        return shaped or (self.seen == 0 and (self.blank_after or line.rstrip().endswith(";"))
                          and _is_headline_paragraph(line, self.max_title_words))


def _collect_dateline(got: _Collected, i: int, dl: hd.Dateline) -> None:
    got.dateline = dl
    got.dates.extend([(i, dl.date)] if dl.date else [])
    got.outlets.extend([(3, dl.outlet)] if dl.outlet else [])


def _empty_after_date_prefix(ln: _HeaderLine, got: _Collected) -> str | None:
    return "date" if not ln.line else None


def _dateline_alone(ln: _HeaderLine, got: _Collected) -> str | None:
    dl = hd.dateline(ln.line + " X")
    if dl is None or dl.end < len(ln.line):
        return None
    _collect_dateline(got, ln.i, dl)
    return "dateline"


def _dateline_before_headline(ln: _HeaderLine, got: _Collected) -> str | None:
    """``Agency, City, July 1: Headline?`` on one line: the dateline's data, and the rest as the title."""
    dl = hd.dateline(ln.line)
    rest = ln.line[dl.end:] if dl else ""
    if dl is None or got.title is not None or not ln.title_allowed or not _is_title_candidate(rest) \
            or _ends_sentence(rest.rstrip("?？")):
        return None
    _collect_dateline(got, ln.i, dl)
    got.title = (ln.i, rest.strip())
    return "title"


def _dateline_opens_running_text(ln: _HeaderLine, got: _Collected, *, min_words: int = 13) -> str | None:
    return _BODY if _words(ln.line) >= min_words and hd.dateline(ln.line) is not None else None


def _headline_continues(ln: _HeaderLine, got: _Collected) -> str | None:
    """A headline wrapped onto a second line after a word it cannot end on (a possessive, "of the")."""
    if got.title is None or got.title[0] != ln.i - 1 or not _dangles(got.title[1]) \
            or _words(ln.line) > ln.max_title_words or _ends_sentence(ln.line):
        return None
    got.title = (got.title[0], f"{got.title[1]} {ln.line.strip()}")
    got.dates.extend([(ln.i, fd)] if (fd := hd.found_date(ln.line)) else [])
    return "title"


def _byline(ln: _HeaderLine, got: _Collected) -> str | None:
    b = hd.byline(ln.line) if ln.short else None
    if b is None:
        return None
    got.authors.extend(b.authors)  # deduplicated once, in _header
    got.outlets.extend([(1, b.outlet)] if b.outlet else [])
    got.dates.extend([(ln.i, fd)] if (fd := hd.found_date(ln.line)) else [])
    return "byline"


_DATE_LABEL_WORDS = re.compile(rf"(?i)(?<![A-Za-z])(?:{hd.DATE_LABELS})(?![A-Za-z])\s*[:：]?")
_TIME_AND_ZONE = re.compile(r"^[\s,|·]*(\d{1,2}[:.]\d{2}(:\d{2})?(\s*[AaPp]\.?[Mm]\.?)?)?(\s*\(?(GMT|UTC|[ECMP][SD]T|BST|"
                            r"CES?T|IST|JST|HKT|SGT|AE[SD]T)([+-]\d{1,2})?\)?(?!\w))?")


def _outlet_beside_date(line: str, fd: hd.FoundDate) -> str | None:
    """An outlet before or after a date stamp: ``CGTN, 15 May 2021``, ``Updated: 2023-06-14Xinhua``."""
    at = line.find(fd.text)
    if at < 0:
        return None
    lead = _DATE_LABEL_WORDS.sub("", line[:at]).strip(" ,|·-–—:")
    tail = _TIME_AND_ZONE.sub("", line[at + len(fd.text):]).strip(" ,|·-–—:")
    return next((hd.clean_outlet(part) for part in (lead, tail)
                 if part and hd.looks_like_outlet(part) and len(part.split()) <= 4), None)


def _date_stamp(ln: _HeaderLine, got: _Collected) -> str | None:
    fd = hd.date_stamp(ln.line) if ln.short else None
    if not fd:
        return None
    got.dates.append((ln.i, fd))
    if ln.may_take_title(got) and _is_dated_title(ln.line, fd):
        got.title = (ln.i, ln.line.strip())         # "Department Press Briefing – March 7, 2024"
        return "title"
    outlet = _outlet_beside_date(ln.line, fd)
    got.outlets.extend([(2, outlet)] if outlet else [])
    return "date"


def _time_of_day(ln: _HeaderLine, got: _Collected) -> str | None:
    return "date" if _TIME_LINE.fullmatch(ln.line) else None     # "2:14 p.m. EST" under a briefing's title


def _place_under_title(ln: _HeaderLine, got: _Collected) -> str | None:
    if got.title is None or not _PLACE_LINE.fullmatch(ln.line):
        return None
    got.header_lines.append(ln.line)
    return "header"


def _wire_head(ln: _HeaderLine, got: _Collected, *, max_chars: int = 400) -> str | None:
    m = _WIRE_HEAD.match(ln.line) if len(ln.line) <= max_chars else None
    if m is None or hd.found_date(m.group("date") + " 2000") is None:
        return None
    got.outlets.append((1, hd.clean_outlet(m.group("org"))))
    rest = m.group("title").strip()
    if got.title is None and rest and _is_title_candidate(rest):
        got.title = (ln.i, rest)
    return "byline"


def _furniture_above_title(ln: _HeaderLine, got: _Collected) -> str | None:
    """A title-shaped line where the title may come that its features show to be site furniture (a breadcrumb
    trail, a glued menu, a language selector, a form's fields: ``hf.furniture_shape``): a header line, and
    the title is looked for below it."""
    if not (ln.may_take_title(got) and ln.title_like):
        return None
    if hf.furniture_shape(hf.header_line_features(ln.line, ln.seen, ln.neighbours)) is None:
        return None
    got.header_lines.append(ln.line)
    return "header"


def _headline(ln: _HeaderLine, got: _Collected) -> str | None:
    if not (ln.may_take_title(got) and ln.title_like):
        return None
    got.title = (ln.i, ln.line.rstrip(" |·-–—").strip())
    return "title"


def _headline_under_date_banner(ln: _HeaderLine, got: _Collected) -> str | None:
    """Under a page-top date banner, the article's own title is the headline-shaped line right above its
    own date or byline: the earlier "title" was masthead text ("retitle" relabels its rows)."""
    if not (got.title is not None and ln.title_like and got.dates and got.dates[0][0] < got.title[0]
            and ln.next_line and (hd.date_stamp(ln.next_line) or hd.byline(ln.next_line))):
        return None
    got.header_lines.append(got.title[1])
    got.title = (ln.i, ln.line.rstrip(" |·-–—").strip())
    return "retitle"


def _running_text(ln: _HeaderLine, got: _Collected) -> str | None:
    """Body-like prose, a labelled sentence, a sentence of two words or more, or a long line that is no
    headline: never site furniture."""
    line = ln.line
    return _BODY if (_is_body_like(line) or _LABELLED_SENTENCE.match(line) or not ln.short
                     or (_ends_sentence(line) and _words(line) >= 2)) else None


def _furniture(ln: _HeaderLine, got: _Collected) -> str | None:
    """Anything else in the header zone: site furniture, with what it says about the outlet, the issuing
    body or the author collected on the way; a label above any title closes the title's search."""
    line, titled = ln.line, got.title is not None
    if (titled and _words(line) <= 4 and hd.looks_like_outlet(line) and not hd.person_name(line)
            and not all(w.lower() in lex.SECTION_WORDS for w in line.split())):
        got.outlets.append((2, hd.clean_outlet(line)))
    if (titled and _ORG_WORDS.search(line) and _words(line) <= 10 and not _NAME_COMMA.match(line)
            and line[-1] not in _TERMINAL + ":：" and (re.search(r"\b(of|for)\b", line) or _ORG_WORDS.search(line.split()[-1]))):
        got.org_lines.append(line.strip(" -–—|"))
    name = hd.person_name(line)
    if name and titled:
        got.authors.append(name)
        return "byline"
    if name:
        got.name_lines.append(name)
    got.header_lines.append(line)
    return "title_block" if not titled and _is_label(line) else "header"


# The header zone's rules, in precedence order: the first that gives a verdict decides the line. A verdict is
# the rule name its removed line gets ("title", "date", ...) or _BODY, where the body starts.
HEADER_RULES = (
    ("empty_after_date_prefix", _empty_after_date_prefix),
    ("dateline_alone", _dateline_alone),
    ("dateline_before_headline", _dateline_before_headline),
    ("dateline_opens_running_text", _dateline_opens_running_text),
    ("headline_continues", _headline_continues),
    ("byline", _byline),
    ("date_stamp", _date_stamp),
    ("time_of_day", _time_of_day),
    ("place_under_title", _place_under_title),
    ("wire_head", _wire_head),
    ("furniture_above_title", _furniture_above_title),
    ("headline", _headline),
    ("headline_under_date_banner", _headline_under_date_banner),
    ("running_text", _running_text),
    ("furniture", _furniture),
)
# The rules that set a header field outside HEADER_RULES (Header.title_rule, date_rule, authors_rule, outlet_rule
# name one of HEADER_FIELD_RULES):
FALLBACK_FIELD_RULES = (
    "date_prefix",            # a labelled ISO date opening a header line ("Published: 2021-05-06 ...")
    "body_dateline",          # the dateline opening one of the body's first lines: its date and credited outlet
    "body_byline",            # a byline among the body's first lines (below a standfirst)
    "body_date_stamp",        # a date stamp among the body's first lines, and an outlet before it
    "date_in_title",          # the title's own date, where no header line has one
    "date_in_any_language",   # dateparser on the header zone's lines, where the fast patterns read none
    "name_line",              # a name-only line and no title: the author
    "speech_author",          # "Address by NAME", "NAME's speech" in the title or header: the author
    "interview_credit",       # "This interview was conducted by NAME for ORG": the author, and the outlet
    "org_line",               # an organisation line under the title: the outlet
    "title_outlet",           # an outlet named at the start or end of the title
    "exclusive_interview",    # the outlet naming its own exclusive interview in the body
)
HEADER_FIELD_RULES = tuple(name for name, _ in HEADER_RULES) + FALLBACK_FIELD_RULES


def _header_line(ln: _HeaderLine, got: _Collected) -> tuple[str, str | None]:
    """Classify a header-zone line by the first of HEADER_RULES that decides it, collecting its metadata into
    ``got``. Returns that rule's name and the rule its removed line gets ("title", "date", "byline",
    "dateline", "header", "retitle", "title_block"), or None when the line is running text (the body
    starts here)."""
    for name, rule in HEADER_RULES:
        verdict = rule(ln, got)
        got.credit(name)
        if verdict is not None:
            return name, None if verdict == _BODY else verdict
    raise AssertionError("the furniture rule decides every line")   # pragma: no cover


def _dangles(title: str) -> bool:
    """A headline cannot end here: on a possessive or a function word ("Wang Wenbin's", "... of the")."""
    return bool(re.search(r"\w['’]s$", title) or _FUNCTION_END.search(title))


_TRAILING_STOPS = re.compile(r"(?:[.…;!?’”'\"]|\s)++$")
_SENTENCE_JOINT = re.compile(r"(?<=\w)[.!?]\s++(?=[A-Z])")


_BACK_REFERENCE = frozenset("it he she they we i this that these those there his her their its".split())


def _is_kicker_headline(bare: str, line: str, max_words: int) -> bool:
    """Two short sentences that make a headline in sentence case ("Game over. Will he come down?", "The
    real story showed up. Voters must live with it."), unless the second opens by pointing back at the
    first with a pronoun, as running text does ("The board met. It approved a pier.")."""
    joints = list(_SENTENCE_JOINT.finditer(bare))
    if len(joints) != 1 or _words(bare) > max_words:
        return False
    second = bare[joints[0].end():].split(maxsplit=1)
    return bool(second) and second[0].casefold().strip("'’") not in _BACK_REFERENCE


def _is_headline_paragraph(line: str, max_words: int, *, max_two_sentence_words: int = 12) -> bool:
    """A short line ending in a full stop, semicolon, ellipsis, ! or ? (a closing quote may follow it) that
    is headline-shaped once the stops are gone; it may hold two sentences in headline case ("Obama Names A
    Judge. That’s A First.") or when short ("Game over. Will he come down?")."""
    bare = line.rstrip("’”'\"")
    if not bare.endswith((".", ";", "!", "?", "…")) or _words(line) > max_words:
        return False
    bare = _TRAILING_STOPS.sub("", bare)
    if bare and (_in_headline_case(bare) or _is_kicker_headline(bare, line, max_two_sentence_words)):
        bare = _SENTENCE_JOINT.sub(" ", bare)
    return bool(bare) and _is_title_candidate(bare, min_words=2)


def _in_headline_case(text: str, *, min_share: float = 0.8) -> bool:
    """Most words of four letters or more start with a capital, as in a headline, not a sentence."""
    long = re.findall(r"[^\W\d_][\w'’-]{3,}", text)
    return len(long) >= 3 and sum(w[0].isupper() for w in long) >= min_share * len(long)


# a headline's rubric before a colon ("Panel: Can cities ...?"), not a speaker label
_RUBRIC = re.compile(rf"(?i:{hd.words_alternation(lex.RUBRICS)})\s*:")
# spaces taken whole (``\s*+``): with two adjacent ``\s*`` a long run of spaces cost quadratic time
_TIME_LINE = re.compile(r"\d{1,2}[:.]\d{2}\s*+(?:[ap]\.?m\.?)?(?:\s*+[A-Z]{2,4})?", re.IGNORECASE)
_PLACE_LINE = re.compile(r"[A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+)?,\s*(?:[A-Z]\.){2,}")   # "Washington, D.C."
_DATED_TITLE = re.compile(r"^(?P<lead>[A-Z][\w'’]*(?:\s+[\w'’]+){2,})\s*[–—:|-]\s*$")


def _is_dated_title(line: str, fd: hd.FoundDate, *, min_lead_words: int = 3) -> bool:
    """A headline that names its date after a dash: several words, none a date label, not ending in an
    outlet word ("Xinhua News Agency – ...")."""
    m = _DATED_TITLE.match(line[:fd.start]) if line[fd.end:].strip(" .") == "" else None
    if not m:
        return False
    lead = m.group("lead")
    return (len(lead.split()) >= min_lead_words and not hd.looks_like_outlet(lead.split()[-1])
            and not re.search(rf"(?i)\b(?:{hd.DATE_LABELS})\b", lead))


_NAME_RE = r"(?P<name>(?:[A-Z][a-z'’\-]+|[A-Z]{2,})(?: (?:[A-Z][a-z'’\-]+|[A-Z]{2,})){1,2})"
# one title or courtesy word before a name ("His Excellency", "Vice Premier", "Dr.", "H. E."), from the lexicon's
# lists; a dotted title may touch the next word ("H.E.Ambassador") and have spaces inside ("H. E.")
_TITLE_WORDS = re.sub(r"\\\.(?=\w)", r"\\.\\s*+", hd.words_alternation(tuple(lex.TITLE_WORDS | lex.HONORIFICS)))
_TITLE = (rf"(?i:(?:(?:{'|'.join(lex.POSSESSIVE_DETERMINERS)})\s+)?(?:{_TITLE_WORDS}))"
          r"(?:(?<=\.)|(?![\w'’\-]))\.?\s*+")
_HONORIFIC = rf"(?:{_TITLE})*"
_LEADING_TITLES = re.compile(rf"(?:{_TITLE})+")
_SPEECH = rf"(?i:{hd.words_alternation(tuple(n for n in lex.SPEECH_NOUNS if n != 'interview'))})"
_SPEECH_BY = re.compile(rf"\b{_SPEECH}\s+(?i:delivered\s+|made\s+|given\s+|written\s+)?(?i:by)\s+{_HONORIFIC}"
                        rf"{_NAME_RE}\b")
_SPEECH_OF = re.compile(rf"^{_HONORIFIC}{_NAME_RE}['’]s\s+(?:[\w\-]+\s+){{0,2}}{_SPEECH}\b")


_ORG_WORDS = re.compile(r"\b(" + "|".join(lex.ISSUING_BODY_WORDS) + r")\b")
_CONNECTIVES = "|".join(lex.ORG_NAME_CONNECTIVES)
_ORG = rf"(?P<o>(?:[A-Z][\w.&'’\-]*|&|{_CONNECTIVES})(?: (?:[A-Z][\w.&'’\-]*|&|{_CONNECTIVES})){{0,7}})"
_SELF_REFERENCE = (  # an outlet naming its own interview in the body
    re.compile(rf"\b(?i:in|during) an? exclusive {_ORG} interview\b"),
    re.compile(rf"\btold {_ORG} in an? exclusive interview\b"),
    re.compile(rf"\bin an? exclusive interview with {_ORG}(?=[,.;]| on\b| in\b)"),
    re.compile(rf"(?:^|[.,;] ){_ORG} (?:was able to |recently )?s[ai]t down with\b"),
)
_TITLE_OUTLET = (
    re.compile(rf"[:|–—-]\s*(?P<o>[A-Z][\w.&' ]{{1,40}}?)\s+(?i:{hd.words_alternation(lex.OPINION_RUBRICS)})\s*$"),
    re.compile(r"^(?P<o>[A-Z]{2,6})(?=[:：]|[\u3400-\u9fff])"),
    re.compile(rf"^(?P<o>(?:[A-Z][\w'’.&\-]*\s+){{1,2}}(?i:{hd.words_alternation(lex.NEWSPAPER_NAME_ENDS)}))"
               rf"['’]?s?\s*+(?=[:：|]|(?i:{hd.words_alternation(lex.OUTLET_GENRES)})\b)"),
)


# an interview's credit in its opening paragraph: "This interview was conducted [...] by NAME, [a reporter] for ORG"
_INTERVIEW_CREDIT = re.compile(
    r"\b(?i:this|the)\s++interview\s++(?i:was|has\s+been)\s++(?i:conducted|carried\s+out|recorded)\b"
    r"[^.]{0,160}?\bby\s++"
    rf"{_NAME_RE}(?:[^.]{{0,100}}?\b(?:for|at|of)\s++(?:the\s++)?"
    rf"(?P<o>[A-Z][\w.&'’\-]*+(?: (?:[A-Z][\w.&'’\-]*+|&|{_CONNECTIVES})){{0,7}}))?")   # "X at Y": the unit X
_TRAILING_CONNECTIVES = re.compile(rf"(?: (?:{_CONNECTIVES}|&))++$")


class _InterviewCredit(NamedTuple):
    interviewer: str | None = None     # a person's name
    org: str | None = None             # the organisation the interview was conducted for


def _interview_credit(body: str, *, max_chars: int = 600) -> _InterviewCredit:
    """The interviewer and the organisation they conducted the interview for, as the credit sentence at the
    start of an interview's body names them; empty when there is none."""
    m = _INTERVIEW_CREDIT.search(body[:max_chars].split("\n", 1)[0])
    name = hd.person_name(m["name"]) if m else None
    if name is None:
        return _InterviewCredit()
    org = hd.clean_outlet(_TRAILING_CONNECTIVES.sub("", m["o"].rstrip("."))) if m["o"] else None
    named_body = org and (_ORG_WORDS.search(org) or hd.has_outlet_word(org) or hd.person_name(org) is None)
    return _InterviewCredit(name, org if named_body else None)


def _titled_person(text: str) -> bool:
    """``text`` opens with title words and names no outlet after them ("President Jo", "Dr. Roe"), unlike
    "Chinese Daily" or "State Media"."""
    m = _LEADING_TITLES.match(text)
    return bool(m) and not hd.has_outlet_word(text[m.end():])


def _outlet_fallback(title: str | None, org_lines: list[str], body: str,
                     credit: _InterviewCredit) -> tuple[str, str] | None:
    """An outlet when no byline, source or dateline names one, and the fallback that found it: an
    organisation line under the title, an outlet named at the start or end of the title, the outlet's own
    exclusive interview, or the organisation an interview's credit names."""
    if org_lines:
        return org_lines[0], "org_line"
    for k, pattern in enumerate(_TITLE_OUTLET):
        m = pattern.search(title or "")
        if m and (k != 1 or hd.has_outlet_word(m.group("o"))):  # "CRI听力: ..." yes, "US: ..." no
            return m.group("o").strip(), "title_outlet"
    for pattern in _SELF_REFERENCE:
        m = pattern.search(body[:3000])
        if m:
            o = re.sub(r"^(?:the|The)\s+", "", m.group("o")).strip()
            if o and o[0].isupper() and len(o.split()) <= 6 and hd.person_name(o) is None and not _titled_person(o):
                return o, "exclusive_interview"
    return (credit.org, "interview_credit") if credit.org else None


def _header_date(got: _Collected, title: tuple[int, str] | None) -> tuple[hd.FoundDate | None, str | None]:
    """The header's date and the rule that collected it: the first date at or below the title's line (else the
    first collected), else the title's own date."""
    collected = list(zip(got.dates, got.date_rules, strict=True))
    below = [(fd, rule) for (i, fd), rule in collected if i >= (title[0] if title else -1)]
    if below or collected:
        return (below or [(fd, rule) for (_, fd), rule in collected])[0]
    fd = hd.found_date(title[1]) if title and title[1] else None
    return fd, "date_in_title" if fd else None


def _header_authors(got: _Collected, title: str | None,
                    credit: _InterviewCredit) -> tuple[tuple[str, ...], str | None]:
    """The authors, deduplicated, and the rule that gave the first: the collected bylines, else a name line
    with no title, a speech's speaker, or the interviewer an interview's credit names."""
    if got.authors:
        return tuple(dict.fromkeys(got.authors)), got.author_rules[0]
    if title is None and got.name_lines:
        return (got.name_lines[0],), "name_line"
    for line in ([title] if title else []) + got.header_lines:
        m = _SPEECH_BY.search(line) or _SPEECH_OF.search(line)
        if m and hd.person_name(m.group("name")):
            return (hd.person_name(m.group("name")),), "speech_author"
    return ((credit.interviewer,), "interview_credit") if credit.interviewer else ((), None)


def _header(got: _Collected, body: str = "") -> Header:
    title = got.title[1] if got.title else None
    fd, date_rule = _header_date(got, got.title)
    credit = _interview_credit(body)
    authors, authors_rule = _header_authors(got, title, credit)
    found = _printed_outlet(got) or _outlet_fallback(title, got.org_lines, body, credit)
    printed, outlet_rule = found if found and hd.plausible_outlet(found[0]) else (None, None)
    return Header(title=title, published_date=fd.date if fd else None, date_text=fd.text if fd else None,
                  authors=authors, outlet=printed,
                  outlet_canonical=hd.canonical_outlet(printed) if printed else None,
                  dateline=got.dateline.text if got.dateline else None,
                  title_rule=got.title_rule if title else None, date_rule=date_rule if fd else None,
                  authors_rule=authors_rule, outlet_rule=outlet_rule)


_HEADER_ZONE_RULES = frozenset({"title", "header", "byline", "date", "dateline"})


def _dated_in_any_language(header: Header, removed: list[RemovedLine], lang: str | None,
                           *, max_lines: int = 8) -> Header:
    """``header`` with the date dateparser reads in the header zone's lines (the title and the lines taken
    out above the body), where the fast patterns read none."""
    lines = [r.text for r in removed if r.rule in _HEADER_ZONE_RULES][:max_lines]
    fd = hd.date_in_any_language(lines, lang)
    if fd is None:
        return header
    return replace(header, published_date=fd.date, date_text=fd.text, date_rule="date_in_any_language")


_DATELINE_END = re.compile(rf"\s[{hd.DASH_CHARS}]{{1,2}}\s")


def _with_date_problem(header: Header, removed: list[RemovedLine], body: str, *, max_lines: int = 8) -> Header:
    """``header`` (which has no published_date) with the date that the header zone's lines, or a dateline
    opening the body (``PLACE, March 3, 1850 - ``), write but that is no date: ``date_text`` is that text and
    ``date_problem`` says why (``hd.date_problem``)."""
    lines = [r.text for r in removed if r.rule in _HEADER_ZONE_RULES][:max_lines]
    problems = [hd.date_problem(line) for line in lines] + [_dateline_date_problem(body)]
    problem = next(filter(None, problems), None)
    return replace(header, date_text=problem.text, date_problem=problem.reason) if problem else header


def _dateline_date_problem(body: str, *, max_chars: int = 80, max_place_words: int = 4) -> hd.DateProblem | None:
    """The date problem of a dateline the grammar did not take (its date is no date): the body's first line
    opens with ``PLACE, DATE -`` (a place of at most ``max_place_words`` words, then a comma) within
    ``max_chars``. A date in running text ('The treaty of March 3, 1850 - ...') is never read."""
    first = body[:max_chars + 3].split("\n", 1)[0]
    end = _DATELINE_END.search(first)
    prefix = first[:end.start()] if end and end.start() <= max_chars else ""
    problem = hd.date_problem(prefix) if prefix else None
    if problem is None or not prefix.endswith(problem.text):
        return None
    place = prefix[: len(prefix) - len(problem.text)].rstrip()
    return problem if place.endswith(",") and len(place.split()) <= max_place_words else None


def _printed_outlet(got: _Collected) -> tuple[str, str] | None:
    """The first plausible outlet by priority (byline, then date line, then dateline credit), as a header
    line spells it when one spells it with other spacing or punctuation; and the rule that collected it."""
    ranked = [(name, rule) for (_, name), rule in sorted(zip(got.outlets, got.outlet_rules, strict=True),
                                                         key=lambda o: o[0][0]) if hd.plausible_outlet(name)]
    if not ranked:
        return None
    name, rule = ranked[0]
    squashed = re.sub(r"\W", "", name).lower()
    return next((line.strip() for line in got.header_lines if re.sub(r"\W", "", line).lower() == squashed),
                name), rule


# ============================================================================ corpus

def corpus_boilerplate(texts: list[str], *, min_docs: int = 3, max_chars: int = 120) -> frozenset[str]:
    """Lines repeated across many documents of a corpus (site furniture), to pass to cleaned_document.

    A line counts once per document; it is boilerplate when found in at least ``min_docs``
    documents. Sentence-like and long lines are excluded (syndicated copies share those)."""
    return bp.corpus_boilerplate([normalized_text(t) for t in texts], min_docs=min_docs, max_chars=max_chars)


@dataclass(frozen=True)
class BoilerplateProfile:
    """What one document brings to the corpus boilerplate (``counted``: its lines that may count as repeated)
    and what of it can change its cleaning (``looked_up``: every key its cleaning may look up)."""
    counted: frozenset[str]
    looked_up: frozenset[str]


def boilerplate_profile(text: str, *, max_chars: int = 120) -> BoilerplateProfile:
    """The ``BoilerplateProfile`` of a decoded text. ``cleaned_document(text, corpus_boilerplate=B)`` depends on
    ``B`` only through ``B & looked_up``: a document whose share of the corpus boilerplate is unchanged
    cleans the same (an incremental run reuses its rows on that ground)."""
    norm = normalized_text(text)
    lines = norm.split("\n")
    # a key longer than ``max_chars`` is never corpus boilerplate (candidate_keys), so it changes no cleaning: kept
    # out, the profiles of a corpus hold its short lines, not its whole text
    looked_up = bp.lookup_keys(lines, bp.watermark_suffix(lines))
    return BoilerplateProfile(counted=bp.candidate_keys(norm, max_chars=max_chars),
                              looked_up=frozenset(k for k in looked_up if len(k) <= max_chars))
