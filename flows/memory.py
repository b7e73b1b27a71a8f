"""Giving memory back to the system between steps: what a step freed is otherwise kept by the process (Python's
collector not yet run, Arrow's pool, glibc's heap), so that the next step's allocations come on top of it.
Imported by the batches (each worker, thread or process, after each batch) and by the corpus-level steps.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import functools
import gc
from collections.abc import Callable

import pyarrow as pa


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, or None where the C library has none (macOS, musl)."""
    name = ctypes.util.find_library("c")
    return getattr(ctypes.CDLL(name), "malloc_trim", None) if name else None


def return_freed_memory() -> None:
    """Give back to the system what the steps before freed: unreachable Python objects collected, the unused memory
    of Arrow's pool released, glibc's free heap trimmed. Without it a process keeps the pages a step freed and
    the next step's allocations come on top of them: its peak grows with the sum of its steps, not the largest."""
    gc.collect()
    pa.default_memory_pool().release_unused()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
