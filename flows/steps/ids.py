"""Stable ids: the same parts give the same id on every run and machine. Pure."""
from __future__ import annotations

import hashlib


def stable_id(*parts: object) -> str:
    """16 hex digits derived only from ``parts``: the same on every run and machine (a lone
    surrogate in a part is hashed as its ``\\udcNN`` escape instead of failing)."""
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8", "backslashreplace")).hexdigest()[:16]
