"""The whole model kept between questions, with the graph-wide values folded over it.

A graph-wide value (the criticality of every element, the lowest service levels, the
organisations each package's chain reaches) is computed on the first question that needs it,
once per kept model. When the kept model is patched to a later revision, every value computed
on it is carried along, folded again only where the write changed something
(app/analysis/incremental.py), instead of computed again over the whole model.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import Any, Protocol, Self, TypeVar

from app.analysis.graph import Edge, Graph, Node
from app.analysis.incremental import affected_by, changed_elements


class Fold(Protocol):
    """A graph-wide value of one whole-model graph that can be carried to a graph patched from it."""

    @classmethod
    def of(cls, graph: Graph) -> Self: ...

    def carried(self, graph: Graph, affected: set[str]) -> Self: ...


F = TypeVar("F", bound=Fold)


class WholeModel:
    """The whole model at one revision and its folds. Shared between request threads: the graph
    and every fold are read-only once built; a fold is built once (the threads asking for it
    meanwhile wait for it)."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self._folds: dict[type[Any], Any] = {}
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
                found = self._folds[kind] = kind.of(self.graph)
        return found

    def patched(self, nodes: dict[str, Node], out: dict[str, list[Edge]], named: Iterable[str]) -> WholeModel:
        """This model with what the writes `named` changed: `nodes` put with the relationships leaving
        them (`out`), the other named elements removed; the folds computed so far carried along."""
        named = set(named)
        model = WholeModel(self.graph.patched(nodes, out, named - nodes.keys()))
        with self._guard:
            folds = dict(self._folds)
        if folds:
            affected = affected_by(model.graph, changed_elements(self.graph, model.graph, named))
            for kind, value in folds.items():
                model._folds[kind] = value.carried(model.graph, affected)
        return model
