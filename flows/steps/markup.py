"""HTML that arrives as a raw "text" file: its text, with block elements on lines of their own.

Python's own ``html.parser`` reads the markup (no dependency); ``script``, ``style``, ``noscript`` and
``template`` contents are dropped, character references resolved. Pure: no I/O.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

_HTML_START = re.compile(r"\s*+(?:<!--.*?-->\s*+)?(?:<!doctype\s+html|<html[\s>])", re.IGNORECASE | re.DOTALL)
_SKIPPED = frozenset({"script", "style", "noscript", "template", "head"})
_BLOCKS = frozenset("""address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4
h5 h6 header hr li main nav ol p pre section table td th title tr ul""".split())


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def is_html_document(text: str) -> bool:
    """``text`` opens as an HTML document (a doctype or an ``<html>`` tag, after white space or a comment)."""
    return bool(_HTML_START.match(text[:2000]))


def html_text(text: str) -> str:
    """The text of an HTML document: one line per block element, runs of white space inside a line
    collapsed, blank lines between blocks."""
    collector = _TextCollector()
    collector.feed(text)
    collector.close()
    lines = (" ".join(line.split()) for line in "".join(collector.parts).split("\n"))
    return "\n\n".join(line for line in lines if line)
