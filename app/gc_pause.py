"""Cyclic garbage collection paused while a large document is read, checked and written.

Reading a 3 MB document makes a few hundred thousand objects; each full collection they trigger
walks every object in the process while holding the interpreter lock, which stalled every other
request (and /health) for up to 0.8 s on the project's machine. The document holds no cycles,
so nothing is lost by collecting after it instead. Reference counting goes on as ever.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_holders = 0


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause cyclic GC for the block; it resumes when the last concurrent block ends."""
    global _holders
    with _lock:
        _holders += 1
        if _holders == 1:
            gc.disable()
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0:
                gc.enable()
