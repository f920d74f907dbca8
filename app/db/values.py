"""Driver values as plain Python values."""

from __future__ import annotations

from typing import Any


def native(value: Any) -> Any:
    """A driver temporal (neo4j.time.DateTime, Date) as its Python counterpart; anything else as is."""
    to_native = getattr(value, "to_native", None)
    return to_native() if callable(to_native) else value
