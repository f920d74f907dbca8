"""Errors the analyses raise on bad input; the service maps them to HTTP answers (nothing HTTP here)."""

from __future__ import annotations

from collections.abc import Sequence


class AnalysisInputError(ValueError):
    """A question the analyses cannot answer as asked (the service answers 400 or 404)."""


class UnknownElement(AnalysisInputError):
    """The asked element is not in the graph (the service answers 404)."""

    def __init__(self, element_id: str) -> None:
        super().__init__(f"unknown element {element_id!r}")
        self.element_id = element_id


class InvalidFailedSet(AnalysisInputError):
    """A failed set naming unknown or retired elements (the service answers 404 / 400)."""

    def __init__(self, unknown: Sequence[str], retired: Sequence[str]) -> None:
        parts = []
        if unknown:
            parts.append(f"unknown elements: {', '.join(unknown)}")
        if retired:
            parts.append(f"retired elements cannot fail: {', '.join(retired)}")
        super().__init__("; ".join(parts))
        self.unknown = list(unknown)
        self.retired = list(retired)


class InvalidBound(AnalysisInputError):
    """A max_depth, max_tier or limit below its minimum."""


def check_bound(name: str, value: int | None, minimum: int = 1) -> None:
    """Refuse a bound below its minimum; None means unbounded."""
    if value is not None and value < minimum:
        raise InvalidBound(f"{name} must be at least {minimum}, got {value}")
