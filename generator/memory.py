"""Give freed memory back to the system before the site engine runs.

Loading, validating and rendering a large course leaves the heap full of freed space
that CPython and the C allocator keep for reuse; the engine then grows the process on top
of it. Collecting cycles and trimming the C heap lowers the build's peak memory.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import gc
import sys
from typing import Any


def release_memory() -> None:
    """Collect garbage and return free heap pages to the system (glibc only; else no-op)."""
    gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache  # find_library runs ldconfig in a subprocess: once is enough
def _malloc_trim() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return getattr(libc, "malloc_trim", None)  # musl has none
