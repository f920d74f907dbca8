"""The organisations of each offering's supply chain at their tiers, kept with the whole model.

Placing an offering's chain (its upstream closure, then the organisations providing its elements
and their suppliers, tier by tier: chain_of in app/analysis/supply_chain.py) is most of what
compliance gaps across the portfolio compute: once per live offering. An offering's placement
reads only the elements of its closure (their kind, lifecycle and the dependency relationships
leaving them; PROVIDED_BY and SUPPLIED_BY are dependencies), so after a write it can differ only
for an offering that depends on a changed element, that is one in `affected`
(app/analysis/incremental.py). Every other placement is carried to the new revision as it was;
the rest are placed again when first asked.
"""

from __future__ import annotations

import threading
from typing import Self

from app.analysis.graph import Graph
from app.analysis.supply_chain import Placed, chain_of


class OfferingTiers:
    """Placements computed when first asked, per offering (a package or service: an organisation's
    chain reads its buyers too, which this carrying does not follow); shared between request threads."""

    def __init__(self, graph: Graph, placed: dict[str, Placed] | None = None) -> None:
        self._graph = graph
        self._placed: dict[str, Placed] = placed or {}
        self._lock = threading.Lock()

    @classmethod
    def of(cls, graph: Graph) -> Self:
        return cls(graph)

    def carried(self, graph: Graph, affected: set[str], gone: set[str]) -> Self:
        with self._lock:
            kept = {o: p for o, p in self._placed.items() if o not in affected and o not in gone and o in graph.nodes}
        return type(self)(graph, kept)

    def placed(self, offering: str) -> Placed:
        """The offering's organisations, each at its lowest tier with its path (do not change it)."""
        found = self._placed.get(offering)
        if found is None:
            found = chain_of(self._graph, offering).placed
            with self._lock:
                self._placed[offering] = found
        return found
