"""Segmentation: clean body text -> paragraph spans -> sentence spans. Pure, no I/O."""
from __future__ import annotations


def paragraph_spans(body: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph of ``body``; body[start:end] is the stripped paragraph."""
    raise NotImplementedError


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text`` (one paragraph); text[start:end] is the stripped sentence."""
    raise NotImplementedError
