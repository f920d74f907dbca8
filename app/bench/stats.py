"""Summaries of measured samples, the same way in every benchmark."""

from __future__ import annotations


def percentile(values: list[float], share: float) -> float:
    """The sample at `share` (0..1) of the sorted values: at least that share of them are not above it."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]
