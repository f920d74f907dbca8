"""The whole model kept between questions, with the graph-wide values folded over it.

A graph-wide value (the criticality of every element, the lowest service levels, the
organisations each package's chain reaches) is computed on the first question that needs it,
once per kept model. When the kept model is patched to a later revision, it remembers where each
value can be carried from: the first question that needs the value on the new revision folds it
again only where the writes changed something (app/analysis/incremental.py), instead of computing
it over the whole model. A question that needs no such value (the dependencies of one element)
pays nothing for it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol, Self, TypeVar

from app.analysis.graph import Edge, Graph, Node
from app.analysis.incremental import affected_by, changed_elements

# Past this many elements named since the value was computed, compute it afresh rather than carry
# it (the kept model is read again anyway past a tenth of the model: analysis/repository.py).
_CARRY_AT_MOST = 100_000


class Fold(Protocol):
    """A graph-wide value of one whole-model graph that can be carried to a graph patched from it."""

    @classmethod
    def of(cls, graph: Graph) -> Self: ...

    def carried(self, graph: Graph, affected: set[str], gone: set[str]) -> Self: ...


F = TypeVar("F", bound=Fold)


@dataclass(frozen=True)
class _Origin:
    """An earlier model holding a fold, and every element the writes since then named."""

    model: WholeModel
    named: frozenset[str]


class WholeModel:
    """The whole model at one revision and its folds. Shared between request threads: the graph
    and every fold are read-only once built; a fold is built once (the threads asking for it
    meanwhile wait for it)."""

    def __init__(self, graph: Graph, origins: dict[type[Any], _Origin] | None = None) -> None:
        self.graph = graph
        self._folds: dict[type[Any], Any] = {}
        self._origins = origins or {}  # per fold not built here yet: where to carry it from
        self._building: dict[type[Any], threading.Lock] = {}
        self._guard = threading.Lock()

    def fold(self, kind: type[F]) -> F:
        found: F | None = self._folds.get(kind)
        if found is not None:
            return found
        with self._guard:
            building = self._building.setdefault(kind, threading.Lock())
        with building:
            found = self._folds.get(kind)
            if found is None:
                found = self._carried(kind)
                if found is None:
                    found = kind.of(self.graph)
                with self._guard:
                    self._folds[kind] = found
                    self._origins.pop(kind, None)  # the earlier model is no longer held for it
        return found

    def _carried(self, kind: type[F]) -> F | None:
        origin = self._origins.get(kind)
        if origin is None:
            return None
        before = origin.model
        value: F = before._folds[kind]
        affected = affected_by(self.graph, changed_elements(before.graph, self.graph, origin.named))
        gone = {i for i in origin.named if i in before.graph.nodes and i not in self.graph.nodes}
        return value.carried(self.graph, affected, gone)

    def patched(self, nodes: dict[str, Node], out: dict[str, list[Edge]], named: Iterable[str]) -> WholeModel:
        """This model with what the writes `named` changed: `nodes` put with the relationships leaving
        them (`out`), the other named elements removed. Each fold built here, or still to be carried
        here from an earlier model, can be carried to the new one."""
        named = frozenset(named)
        with self._guard:
            origins = {kind: _Origin(self, named) for kind in self._folds}
            for kind, origin in self._origins.items():
                if kind not in origins and len(origin.named) + len(named) <= _CARRY_AT_MOST:
                    origins[kind] = _Origin(origin.model, origin.named | named)
        return WholeModel(self.graph.patched(nodes, out, set(named - nodes.keys())), origins)
