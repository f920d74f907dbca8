"""Values derived from the model, each kept with the model revision it was computed at.

Every write counts a revision in its own transaction (cypher/model/bump_revision), so a value
read at the revision the current transaction sees is still true; an older one is never served.
A cached value is shared between request threads: it must be read-only.
"""

from __future__ import annotations

import threading
from typing import Generic, TypeVar

V = TypeVar("V")


class RevisionCache(Generic[V]):
    """Per key, the newest value with its revision; bounded to `max_entries` keys (oldest put first out)."""

    def __init__(self, max_entries: int = 1024) -> None:
        self._max_entries = max_entries
        self._entries: dict[str, tuple[int, V]] = {}
        self._lock = threading.Lock()

    def get(self, key: str, revision: int) -> V | None:
        """The value kept for `key` if it was computed at `revision`, else None."""
        with self._lock:
            found = self._entries.get(key)
        return found[1] if found is not None and found[0] == revision else None

    def latest(self, key: str) -> tuple[int, V] | None:
        """The value kept for `key` with its revision, whatever the revision."""
        with self._lock:
            return self._entries.get(key)

    def put(self, key: str, revision: int, value: V) -> None:
        """Keep `value`, unless a value of a later revision is already kept (a slow reader of an
        older snapshot does not push out a newer one)."""
        with self._lock:
            kept = self._entries.get(key)
            if kept is not None and kept[0] > revision:
                return
            self._entries.pop(key, None)
            self._entries[key] = (revision, value)
            while len(self._entries) > self._max_entries:
                del self._entries[next(iter(self._entries))]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
