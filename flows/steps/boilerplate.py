"""Boilerplate: site furniture that is never body text.

Each rule is a name and a pattern over one stripped line; ``boilerplate_rule(line)`` returns
the name of the first rule that matches, or None. Rules are written for precision: they
match whole short lines of a recognisable form, never a keyword inside a long sentence.
Pure functions only: no Prefect, no file I/O.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from flows.steps import header as hd
from flows.steps import lexicon as lex

_I = re.IGNORECASE
_POSTED = "|".join(lex.POSTING_VERBS)
# the networks a page is followed on, and a share menu's buttons: the lexicon's lists, longest first
_NETWORKS = hd.words_alternation(lex.SOCIAL_NETWORKS)
_SHARE_MENU = hd.words_alternation(lex.SHARE_BUTTONS + lex.SOCIAL_NETWORKS)
# a heading of a list of other articles: the lexicon's headings or "More from <section>" (clean reads the list)
MORE_FROM = r"more\s+from\s+(this\s+section|\w+(\s+\w+)?)"
RELATED_LIST_HEADING = rf"{MORE_FROM}|{hd.words_alternation(lex.RELATED_LIST_HEADINGS)}"
_BREADCRUMB_LABELS = hd.words_alternation(lex.BREADCRUMB_LABELS)
_MENU_ITEMS = hd.words_alternation(lex.SITE_MENU_ITEMS)

# (rule name, pattern matched against the whole stripped line)
# Between the words of a menu (share_follow, site_navigation) white space and a separator are taken whole
# (``\s*+[|/·]?+\s*+``): no word starts with either, so no match is lost. With ``\s*[|/·]?\s*`` each
# single space could go to either ``\s*``, and a line of menu words ending in anything else backtracked
# through every split: exponential time (18 words 0.3 s, x4 for every two more; issue 9).
LINE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple((name, re.compile(pattern, _I)) for name, pattern in (
    ("comment_form", r"(please\s+)?(enter|leave|post|write|add|submit)\s+(your|a)\s+"
                     r"(comment|name|e-?mail|reply|website)s?(\s+(here|below))?\s*[!.:*]?"),
    ("comment_form", r"(\d+\s+|no\s+)?comments?\s*[:!]?|comments?\s*\(\d+\)|(post|submit|add)\s+(a\s+)?comment|"
                     r"reply|submit|cancel\s+reply|(enter|your)\s+(your\s+)?e-?mail\s+address(\s+here)?\s*[:*]?"),
    ("comment_form", r"comments?\s+(are|is)\s+closed\.?"),
    ("comment_form", r"(leave|post)\s+a\s+(reply|comment)(\s+cancel\s+reply)?"),
    ("comment_form", r"you\s+must\s+be\s+logged\s+in\s+to\s+post\s+a\s+comment\.?"),
    # a comment's report button and its form ("Report abuse", "Please explain the inappropriate content below.")
    ("comment_form", r"report\s+(this\s+comment|abuse|inappropriate\s+content)|"
                     r"please\s+explain\s+the\s+inappropriate\s+content\s+below\s*[.!]?"),
    ("comment_form", r"save\s+my\s+name,\s+e-?mail,?\s+and\s+website\s+in\s+this\s+browser.*"),
    ("comment_form", r"your\s+e-?mail\s+address\s+will\s+not\s+be\s+published\.?(\s*required\s+fields\s+are\s+"
                     r"marked\s*\*?)?\.?|required\s+fields\s+are\s+marked\s*\*?\.?"),
    ("comment_form", r"(name|e-?mail|website|comment)\s*[:*]{1,2}"),
    # a web form's own messages, shown or hidden, left in the page's text ("Thank you! Your submission has been
    # received!", "Oops! Something went wrong while submitting the form.")
    ("form_message", r"(thank\s+you[!.]?\s+)?your\s+(submission|message|form)\s+has\s+been\s+(received|sent|"
                     r"submitted)(\s+successfully)?\s*[!.]?"),
    ("form_message", r"(oops[!.,]?\s+)?something\s+went\s+wrong\s+while\s+submitting\s+the\s+form\s*[!.]?"),
    ("twitter_trailer", r"for\s+the\s+latest\s+news\s+and\s+analysis\s+from\s+our"),
    ("twitter_trailer", r"(reporters\s+and\s+editors\s*:\s*)?staff\s+twitter\s+list\s*>*"),
    ("share_follow", r"(share|follow|like|join|connect\s+with)\s+(us\s+|[\w.&' ]{2,30}?\s+)?(on|via|at)\s+"
                     rf"({_NETWORKS})\b[^.,;!?]{{0,30}}[:!]?"),
    ("share_follow", r"[^.,;]{0,60}\bdelivered\s+(straight\s+|directly\s+)?to\s+your\s+inbox\b[^,;]{0,40}"),
    ("share_follow", rf"(share\s+this(\s+(article|story|page|post))?(\s+on)?|分享到?|{_SHARE_MENU})"
                     rf"(\s*+[|/·,\-–:：]?+\s*+({_SHARE_MENU}))*\s*:?"),
    ("share_follow", r"subscribe\s+(to\s+(us|our\s+\w+(\s+\w+)?)|now)(\s+on\s+\w+)?\s*[:!.]?"),
    ("share_follow", r"(sign\s+up\s+for|subscribe\s+to)\s+(our|the)\s+(\w+\s+)?newsletters?.{0,40}"),
    # a mailing list's notice in the text it mailed ("You are subscribed to Press Briefings for the Department")
    ("share_follow", r".{0,40}\byou\s+are\s+subscribed\s+to\b.{0,200}"),
    ("app_prompt", r"(download|get|install|open\s+in)\s+(our|the)?\s*(\w+\s+)?apps?\b[^.!?]{0,40}"),
    ("app_prompt", r"(scan\s+(the\s+)?qr\s+code|扫描二维码|扫码).{0,60}"),
    ("paywall", r"(subscribe|sign\s+in|log\s*in|register)(\s+now)?\s+(to|for)\s+(get\s+)?(free\s+)?(unlimited\s+)?"
                r"(continue\s+reading|read\s+(the\s+)?(full|more|this)|unlock|access).{0,60}"),
    ("paywall", r"(this\s+(content|article)\s+is\s+(only\s+)?(available\s+)?(for|to)\s+(subscribers|members)).{0,40}"),
    ("breadcrumb", rf"(({_BREADCRUMB_LABELS}|{hd.words_alternation(lex.LOCATION_LABELS)})\s*[:：]\s*)?"
                   r"(home|homepage|首页|主页|news)\s*(>>|>|»|›|\||/|→)\s*.{0,100}"),
    ("breadcrumb", rf"({_BREADCRUMB_LABELS})\s*[:：].{{0,100}}"),
    ("font_size", r"(font\s*(size)?\s*[:：]?\s*)?(font\s*)?(larger|smaller|bigger|\+|-|a\+|a-)"
                  r"(\s*(font\s*)?(larger|smaller|bigger|a\+|a-|reset|\+|-))+"),
    ("font_size", r"(font|text)\s*size\s*[:：]?\s*(a\s*){0,3}.{0,20}|字号\s*[:：]?.{0,10}|[aA][+-]?(\s+[aA][+-]?){1,3}"),
    ("more_from_section", rf"({RELATED_LIST_HEADING}|{hd.words_alternation(lex.MORE_HEADINGS)})"
                          r"\s*[:：]?\s*(>>|»|›)?"),
    ("site_navigation", rf"({_MENU_ITEMS})(\s*+[|/·•]?+\s*+({_MENU_ITEMS}))*"),
    ("skip_navigation", r"(skip\s+to\s+(main\s+)?(content|navigation)|back\s+to\s+top|\^|top|menu|search|close|"
                        r"video\s*player\s*close|main\s+menu|navigation|返回顶部|返回首页|打印|关闭)"),
    ("cookie_banner", r"[^.!?]{0,120}\b(we|this\s+(web)?site|our\s+(web)?site)\s+uses?\s+cookies\b.{0,300}|"
                      r"(accept|reject|allow|manage)\s+(all\s+)?cookies|cookie\s+(settings|preferences|consent)"),
    ("site_navigation", r"[\w&'’.-]+(\s[\w&'’.-]+){0,2}(\s*\|\s*[\w&'’.-]+(\s[\w&'’.-]+){0,2}){3,}"),
    ("press_release", r"(media|press)\s+(contacts?|inquiries|enquiries)\s*[:：].{0,200}|"
                      r"(?-i:SOURCE)\s+(?-i:[A-Z])[\w&.'’ -]{1,60}|#{3}|-\s*30\s*-|"
                      r"(?-i:About)\s+(?-i:[A-Z])[\w&.'’-]*(\s+(?-i:[A-Z])[\w&.'’-]*){0,5}"),
    ("pagination", r"(«|<<|<)?\s*(prev(ious)?|上一页)?(\s+\d+){2,}\s+(next|下一页)?\s*(>>|»|>)?\s*\|?"),
    ("pagination", r"(prev(ious)?|上一页)(\s+\d+)*\s+(next|下一页).{0,10}|page\s+\d+\s+of\s+\d+"),
    # links to the article before or after, alone, after a colon or arrow, or glued to the linked headline ("Next
    # articleNATO ready to ..."); an endless page's loader ("Newer posts are loading."); a link back up a site's
    # sections behind an arrow ("< Back to the section", "← Back")
    ("article_navigation", r"(previous|prev|next|older|newer)\s+(article|post|story|entry|articles|posts|stories|"
                           r"entries)(\s*+[:：»›>]\s*+.{0,150}|(?-i:[A-Z0-9\"“‘]).{0,150}|\s+are\s+loading\W*)?"),
    ("article_navigation", r"(<<?|←)\s*+[^.!?<>]{1,40}"),
    ("copyright", r"(copyright\s*(©|\(c\)|\d{4}|[:：])|©|\(c\)\s*(\d{4}|[A-Z])|版权所有|版權所有).{0,150}"),
    ("copyright", r"copyright(\s+(?-i:[A-Z0-9])[\w.&-]*){0,6}"),
    ("copyright", r".{0,100}\ball\s+rights\s+reserved\b.{0,60}"),
    ("copyright", r"(sponsored|powered|hosted|maintained)\s+by\s+[^.!?]{2,80}|[^.!?]{0,40}\btheme\s+by\s+\w[^.!?]{0,40}"),
    ("disclaimer", r"disclaimer\s*[:：].{0,400}|"
                   r"the\s+views?\s+(and\s+opinions\s+)?expressed\s+(in\s+this\s+(article|column|piece)|here(in)?)"
                   r".{0,80}(do\s+not\s+necessarily|are\s+(solely\s+)?th(ose|at)\s+of).{0,200}"),
    ("disclaimer", r"this\s+(article|story|content)\s+(was|is|has\s+been)\s+(originally|first)\s+"
                   rf"({_POSTED}|appeared).{{0,150}}|this\s+is\s+(one|an|the\s+\w+)\s+episode\s+(in|of)\s+.{{0,200}}"),
    ("promo", r"[^.!?]{0,150}\b(check\s+out\s+our|click\s+(here|below)|listen\s+(here|below)|watch\s+(here|below)|"
              r"tap\s+here|download\s+(it\s+)?here)\b[^.!?]{0,150}[:：]"),
    ("event_promo", r"please\s+join\s+us\s+(for|at|on)\b.{0,300}"),
    ("media_player", r"(listen\s+to|watch)\s+(the\s+)?(full\s+)?(interview|podcast|video|episode|audio)\b.{0,80}:|"
                     r"(length|duration|running\s+time)\s*:?\s*\d{1,2}:\d{2}(:\d{2})?(\s+min(ute)?s?)?|"
                     r"click\s+here\s+to\s+(open|download|listen|watch|read|view)\b.{0,120}|"
                     r".{0,150}[–-]\s*\d{1,2}:\d{2}\s+min(ute)?s?\.?|\d{1,2}:\d{2}(:\d{2})?"),
    ("media_label", r"(photo|photos|video|videos|audio|图片|圖片|视频|視頻|gallery|slideshow|file\s+photo)"),
    ("advertisement", r"(advertisement|advertising|advert|sponsored(\s+content)?|paid\s+content|"
                      r"(story|article)\s+continues\s+(below|after)(\s+(this\s+)?(advertisement|ad))?|"
                      r"continue\s+reading\s+(below|the\s+main\s+story)|广告|廣告|anzeige|publicité|publicidad)"),
    ("category_label", rf"({_POSTED}|filed)\s+(in|under)\s+(?-i:[A-Z])[\w&,' ]{{1,60}}"),
    ("markup_residue", r"\[\s*\"[^\"]*\"(\s*,\s*\"[^\"]*\")*\s*\]|\d{20,}|[{}\[\]<>|/\\#*=_~-]{2,}|#\w+(\s+#\w+)*"),
))

LANGUAGE_NAMES = frozenset({
    "english", "español", "espanol", "français", "francais", "русский", "عربي", "العربية", "中文", "简体中文",
    "繁體中文", "繁体中文", "deutsch", "português", "日本語", "한국어", "italiano", "türkçe", "polski",
    "nederlands", "tiếng", "việt", "bahasa", "indonesia", "हिन्दी", "فارسی", "українська", "简体", "繁體",
})

# Gambling / escort SEO spam injected into pages (a generic lexicon, not one site's words).
SPAM_TERMS: tuple[str, ...] = (
    "短期包養", "包養網", "包养网", "包養", "包养", "威尼斯人赌场", "威尼斯人賭場", "赌场", "賭場", "博彩",
    "娱乐城", "娛樂城", "百家乐", "百家樂", "六合彩", "老虎机", "老虎機", "菠菜网", "网赌", "網賭",
)
_SPAM = re.compile("|".join(map(re.escape, SPAM_TERMS)))
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


def _is_language_switcher(line: str, *, min_names: int = 3) -> bool:
    toks = line.split()
    return len(toks) >= min_names and sum(t.lower() in LANGUAGE_NAMES for t in toks) >= max(min_names, len(toks) - 1)


def boilerplate_rule(line: str, *, max_chars: int = 400) -> str | None:
    """Name of the boilerplate rule that matches the whole ``line``, or None."""
    s = line.strip()
    if not s or len(s) > max_chars:
        return None
    for name, pattern in LINE_RULES:
        if pattern.fullmatch(s):
            return name
    if _is_language_switcher(s):
        return "language_switcher"
    if len(s) <= 20 and _SPAM.search(s):
        return "injected_spam"
    return None


def spam_spans(line: str) -> list[tuple[int, int]]:
    """Character spans of spam terms injected inside CJK text (empty for non-CJK lines)."""
    if not _CJK.search(line):
        return []
    return [m.span() for m in _SPAM.finditer(line)]


_URL = re.compile(r"https?://\S")
_CJK_TAIL = re.compile(r"[A-Za-z0-9.,;:!?\"”’)]([\u3000-\u30ff\u3400-\u9fff\uff00-\uffef][^A-Za-z]*)$")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]*")


def _ends_with_url(s: str) -> bool:
    """``s`` ends in a URL: its last word holds "http(s)://" and more. What a search for ``https?://\\S+$``
    finds, without rescanning the rest of a long last word from every "http" in it (quadratic, issue 9)."""
    return bool(s) and not s[-1].isspace() and _URL.search(s.rsplit(None, 1)[-1]) is not None


def _common_suffix_length(a: str, b: str) -> int:
    """How many characters ``a`` and ``b`` share at their ends (binary search over slice comparisons)."""
    shared, most = 0, min(len(a), len(b))
    while shared < most:
        mid = (shared + most + 1) // 2
        if a[len(a) - mid:] == b[len(b) - mid:]:
            shared = mid
        else:
            most = mid - 1
    return shared


def _shared_tail(a: str, b: str) -> str:
    """The end ``a`` and ``b`` share, from a word boundary of ``a`` (a shared partial Latin word is
    dropped), without leading white space."""
    start = len(a) - _common_suffix_length(a, b)
    if 0 < start and a[start - 1].isalnum():
        start = _ASCII_WORD.match(a, start).end()
    return a[start:].lstrip()


def _cjk_tail(line: str) -> re.Match | None:
    """``_CJK_TAIL.search(line)``, started at the last Latin letter: a tail holds none, so no match starts
    before it, and a search from the start rescanned the line from every candidate (quadratic)."""
    last = _LATIN_LETTER.search(line[::-1])
    return _CJK_TAIL.search(line, len(line) - 1 - last.start() if last else 0)


def watermark_suffix(lines: list[str], *, min_lines: int = 2, max_url_lines: int = 64) -> str | None:
    """A suffix ending in a URL glued to the end of at least ``min_lines`` lines (a site watermark), or a
    CJK tail glued to the end of Latin text ("... Human Rights文章源自英文巴士").

    Candidates are the ends shared by pairs of the first ``max_url_lines`` lines ending in a URL (a
    watermark repeats on most lines; every pair of all of them would take quadratic time)."""
    tails = [t for t in (ln.rstrip() for ln in lines) if _ends_with_url(t)][:max_url_lines]
    counts = Counter()
    for i, a in enumerate(tails):
        for b in tails[i + 1:]:
            suffix = _shared_tail(a, b)
            if _ends_with_url(suffix) and len(suffix) >= 12:
                counts[suffix] += 1
    for ln in lines:
        m = _cjk_tail(ln.rstrip())
        head = ln[: m.start(1)] if m else ""
        letters = [c for c in head if c.isalpha()]
        if m and len(m.group(1)) >= 4 and letters and sum(c.isascii() for c in letters) >= 0.8 * len(letters):
            counts[m.group(1)] += 1
    if not counts:
        return None
    suffix, _ = counts.most_common(1)[0]
    hits = sum(ln.rstrip().endswith(suffix) for ln in lines)
    return suffix if hits >= min_lines else None


def _corpus_key(line: str) -> str:
    return " ".join(line.split()).casefold()


def corpus_boilerplate(texts: list[str], *, min_docs: int = 3, max_chars: int = 120) -> frozenset[str]:
    """Lines (whitespace-collapsed, casefolded) found in at least ``min_docs`` documents.

    Long lines, sentences, salutations, speaker labels and bare names are never corpus boilerplate:
    syndicated copies of a story and transcripts of one press office share those."""
    return repeated_keys([candidate_keys(text, max_chars=max_chars) for text in texts], min_docs=min_docs)


def candidate_keys(text: str, *, max_chars: int = 120) -> frozenset[str]:
    """The keys of one document's lines that may count as corpus boilerplate (see ``corpus_boilerplate``)."""
    keys = set()
    for line in text.splitlines():
        key = _corpus_key(line)
        if not key or len(key) > max_chars or _may_be_body(line.strip()):
            continue
        keys.add(key)
    return frozenset(keys)


def repeated_keys(documents_keys: Iterable[frozenset[str]], *, min_docs: int = 3) -> frozenset[str]:
    """The keys found in at least ``min_docs`` of the documents' key sets (read one set at a time)."""
    seen = Counter()
    for keys in documents_keys:
        seen.update(keys)
    return frozenset(k for k, n in seen.items() if n >= min_docs)


def lookup_keys(lines: list[str], watermark: str | None) -> frozenset[str]:
    """Every key ``in_corpus_boilerplate`` may be asked about for a document of ``lines`` (its normalised lines)
    whose watermark suffix is ``watermark``: each stripped line, with and without the watermark. A cleaned
    document depends on the corpus boilerplate only through which of these keys it holds."""
    keys = set()
    for line in lines:
        stripped = line.strip()
        keys.add(_corpus_key(stripped))
        if watermark and stripped.endswith(watermark):
            keys.add(_corpus_key(stripped[: -len(watermark)].rstrip()))
    return frozenset(keys)


_SENTENCE_END = re.compile(r"[.!?。！？][\"”’'»」)]*$")
_QA = re.compile(r"^[QA]\s*[:：]?$")


def _may_be_body(line: str) -> bool:
    """Lines that recur across documents yet belong to bodies: sentences ("Thank you."), salutations
    ("Mr. President,"), speaker labels ("Wang Wenbin:", "Q:") and bare names."""
    from flows.steps.header import person_name

    return bool(_SENTENCE_END.search(line) or line.endswith((",", "，", ":", "：")) or _QA.match(line)
                or person_name(line) is not None)


def in_corpus_boilerplate(line: str, lines: frozenset[str]) -> bool:
    return bool(lines) and _corpus_key(line) in lines
