"""Questions about the model as it stood at a past revision (`?revision=R`): the model is told
from history (app/model/history.py) and every question is answered on it, as the graph-wide
questions are answered on the whole model kept in memory (the answers are the same:
tests/analysis_db)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from app.analysis.graph import Graph, Node
from app.analysis.repository import GraphSource, Snapshot, check_size, edges_of, node_of
from app.analysis.whole_model import WholeModel
from app.db.database import Tx
from app.model import history, scenarios
from app.model.answers import ScenarioView
from app.model.history import ModelState

T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")
_KEPT = 4  # past models kept in memory: history does not change, so they stay true


def graph_of(state: ModelState) -> Graph:
    """The analyses' graph of a model told as stored properties."""
    nodes: dict[str, Node] = {i: node_of(props) for i, props in state.elements.items()}
    out: dict[str, list[dict[str, object]]] = {}
    for (source, rel_type, target), props in state.relations.items():
        out.setdefault(source, []).append({"type": rel_type, "to": target, "props": props})
    return Graph(nodes.values(), [e for source, rows in out.items() for e in edges_of(source, rows)])


def _told(live: GraphSource, tell: Callable[[Tx], T]) -> T:
    """A model told in one read transaction, refused first when the live model is past the bound."""

    def work(tx: Tx) -> T:
        check_size(tx, live.max_elements)
        return tell(tx)

    return live.db.read(work)


class _Fixed(Snapshot):
    """A snapshot of one model held in memory: every closure a question asks for is in it."""

    def __init__(self, model: WholeModel, revision: int) -> None:  # no transaction: nothing is read
        self._model = model
        self._fixed_revision = revision

    @property
    def revision(self) -> int:
        return self._fixed_revision

    def upstream(self, roots: Iterable[str], *, context: bool = False, also: Iterable[str] = ()) -> Graph:
        return self._model.graph

    def downstream(self, failed: Iterable[str], *, also: Iterable[str] = ()) -> Graph:
        return self._model.graph

    def around(self, graph: Graph) -> Graph:
        return self._model.graph

    def whole_model(self) -> WholeModel:
        return self._model


class _LastFew(Generic[K, V]):
    """The few values asked for lately, by key, the least recently used out first; shared between
    request threads."""

    def __init__(self, size: int = _KEPT) -> None:
        self._kept: OrderedDict[K, V] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        with self._lock:
            if key not in self._kept:
                return None
            self._kept.move_to_end(key)
            return self._kept[key]

    def put(self, key: K, value: V) -> None:
        with self._lock:
            self._kept[key] = value
            while len(self._kept) > self._size:
                self._kept.popitem(last=False)


class PastModels:
    """The few past models asked about lately, told from history once each."""

    def __init__(self) -> None:
        self._last: _LastFew[int, WholeModel] = _LastFew()

    def at(self, live: GraphSource, revision: int) -> WholeModel:
        model = self._last.get(revision)
        if model is not None:
            return model

        model = WholeModel(graph_of(_told(live, lambda tx: history.state_at(tx, revision))))
        self._last.put(revision, model)
        return model

    def kept(self, revision: int) -> WholeModel | None:
        return self._last.get(revision)

    def keep(self, revision: int, model: WholeModel) -> None:
        self._last.put(revision, model)


class PastSource(GraphSource):
    """Where questions `?revision=R` read: the model at R, told from history."""

    def __init__(self, live: GraphSource, past: PastModels, revision: int) -> None:
        super().__init__(live.db, live.whole_model, max_elements=live.max_elements)
        self._live = live
        self._past = past
        self.revision = revision

    def read(self, fetch: Callable[[Snapshot], T]) -> T:
        return fetch(_Fixed(self._past.at(self._live, self.revision), self.revision))


class ScenarioModels:
    """The models of the few scenarios asked about lately, each made again when it is saved again."""

    def __init__(self) -> None:
        self._last: _LastFew[tuple[str, str], tuple[WholeModel, int]] = _LastFew()

    def of(self, live: GraphSource, name: str) -> tuple[WholeModel, int]:
        """The scenario's model and its base revision."""
        found = self._last.get((name, scenarios.version(db=live.db, name=name)))
        if found is not None:
            return found

        state, saved = _told(live, lambda tx: scenarios.state_of(tx, name))
        found = WholeModel(graph_of(state)), state.revision
        self._last.put((name, saved), found)
        return found

    def kept(self, name: str, version: str) -> WholeModel | None:
        found = self._last.get((name, version))
        return found[0] if found else None

    def keep(self, name: str, version: str, model: WholeModel, base: int) -> None:
        self._last.put((name, version), (model, base))


@dataclass(frozen=True)
class ScenarioPair:
    """A scenario and the two models it is compared on, read in one transaction: one snapshot."""

    view: ScenarioView
    before: WholeModel  # the model at the scenario's base revision
    after: WholeModel  # the scenario's model

    def sources(self, live: GraphSource) -> tuple[GraphSource, GraphSource]:
        """Where questions about each side read: the models held here, nothing more from the database."""
        return FixedSource(live, self.before, self.view.base), FixedSource(live, self.after, self.view.base)


def scenario_pair(live: GraphSource, past: PastModels, models: ScenarioModels, name: str) -> ScenarioPair:
    """The scenario `name` with its base model and its own model (404 when there is none)."""

    def tell(tx: Tx) -> ScenarioPair:
        view = scenarios.view_in(tx, name)
        before = past.kept(view.base)
        after = models.kept(name, view.updated_at)
        if before is None or after is None:
            base = history.state_at(tx, view.base)
            if before is None:
                before = WholeModel(graph_of(base))
                past.keep(view.base, before)
            if after is None:
                after = WholeModel(graph_of(scenarios.applied(base, view.changes)))
                models.keep(name, view.updated_at, after, view.base)
        return ScenarioPair(view, before, after)

    return _told(live, tell)


@dataclass(frozen=True)
class ScenarioReader:
    """What reads scenarios' models: the live source and the models kept in memory."""

    live: GraphSource
    past: PastModels
    models: ScenarioModels

    def pair(self, name: str) -> ScenarioPair:
        return scenario_pair(self.live, self.past, self.models, name)


class FixedSource(GraphSource):
    """Where questions read a model already held in memory."""

    def __init__(self, live: GraphSource, model: WholeModel, revision: int) -> None:
        super().__init__(live.db, live.whole_model, max_elements=live.max_elements)
        self._model = model
        self.revision = revision

    def read(self, fetch: Callable[[Snapshot], T]) -> T:
        return fetch(_Fixed(self._model, self.revision))


class ScenarioSource(GraphSource):
    """Where questions `?scenario=NAME` read: the base model with the scenario's changes."""

    def __init__(self, live: GraphSource, models: ScenarioModels, name: str) -> None:
        super().__init__(live.db, live.whole_model, max_elements=live.max_elements)
        self._live = live
        self._models = models
        self.name = name

    def read(self, fetch: Callable[[Snapshot], T]) -> T:
        model, base = self._models.of(self._live, self.name)
        return fetch(_Fixed(model, base))
