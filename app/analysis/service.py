"""The analyses as the API and the pictures ask them: fetch the subgraph, run, map errors.

Bounds: `max_depth` must lie in 1..SIGRAPH_MAX_DEPTH_LIMIT (dependencies, impact, single
points of failure and weakest link default to SIGRAPH_DEFAULT_MAX_DEPTH: an answer's paths
then stay short even on a pathological chain); every answer is capped at SIGRAPH_RESULT_LIMIT
items and says `truncated` when a bound cut it.

With a partner's `scope` every analysis still runs on the whole model; an id out of the scope
is answered as unknown, and the answer is then kept to the scope (app/access/redaction.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from app import analysis
from app.access import redaction
from app.access.scope import Scope
from app.analysis import repository as repo
from app.analysis.answers import (
    Bounded,
    CriticalElementsAnswer,
    DependenciesAnswer,
    ImpactAnswer,
    PortfolioAnswer,
    SpofAnswer,
    SupplyChainAnswer,
    WeakestLinkAnswer,
)
from app.analysis.errors import AnalysisInputError, InvalidFailedSet, UnknownElement
from app.analysis.graph import Graph
from app.config import Settings
from app.db.database import Database
from app.errors import BadParameter, NotFound
from app.schema import ElementType, Metric, Pillar

T = TypeVar("T")
A = TypeVar("A", bound=Bounded)


@dataclass(frozen=True)
class Bounds:
    """The limits in force, from the settings."""

    default_depth: int
    max_depth: int
    result_limit: int

    @classmethod
    def from_settings(cls, settings: Settings) -> Bounds:
        return cls(settings.default_max_depth, settings.max_depth_limit, settings.result_limit)

    def depth(self, asked: int | None, *, default: bool, field: str = "max_depth") -> int | None:
        """The depth (or tier) to use: the asked one if within bounds, else a 400 naming `field`."""
        if asked is None:
            return self.default_depth if default else None
        return _within(field, asked, self.max_depth)

    def limit(self, asked: int | None) -> int:
        return self.result_limit if asked is None else _within("limit", asked, self.result_limit)


def _within(field: str, asked: int, maximum: int) -> int:
    if not 1 <= asked <= maximum:
        raise BadParameter(f"{field}: must be between 1 and {maximum}",
                           [{"field": field, "reason": f"{asked} is outside 1..{maximum}"}])
    return asked


@contextmanager
def _domain_errors() -> Iterator[None]:
    """The engine's errors as the API's: unknown ids 404, bad questions 400."""
    try:
        yield
    except UnknownElement as e:
        raise NotFound(str(e)) from e
    except InvalidFailedSet as e:
        if e.unknown:
            raise NotFound(f"failed: no element {', '.join(map(repr, e.unknown))}",
                           [{"field": "failed", "reason": f"unknown id {i!r}"} for i in e.unknown]) from e
        raise BadParameter(f"failed: retired elements cannot fail: {', '.join(e.retired)}",
                           [{"field": "failed", "reason": f"{i!r} is retired"} for i in e.retired]) from e
    except AnalysisInputError as e:
        raise BadParameter(str(e)) from e


def _run(fetch: Callable[[], Graph], answer: Callable[[Graph], T]) -> T:
    with _domain_errors():
        return answer(fetch())


def _seen(scope: Scope | None, *element_ids: str) -> None:
    """An id out of a partner's scope is answered exactly like an unknown one."""
    if scope is not None and not scope.sees_all(element_ids):
        raise UnknownElement(next(i for i in element_ids if not scope.sees(i)))


def _cap(bounds: Bounds, limit: int | None, scope: Scope | None) -> tuple[int, int]:
    """The cap to compute with and the one to answer with: for a partner the analysis lists up to
    the result limit, then its scope is kept, then the asked cap applies."""
    cap = bounds.limit(limit)
    return (bounds.result_limit if scope is not None else cap), cap


def _scoped(scope: Scope | None, run: Callable[[int | None], A], depth: int | None, deepest: int | None,
            listed: Callable[[A], Iterable[str]], redact: Callable[[A, Scope], A]) -> A:
    """The answer run to `depth`; for a partner, kept to its scope, and `truncated` only when a
    bound cut something in the scope: a cut answer is run again to `deepest` to tell, on the
    subgraph already fetched (else the flag would say that hidden elements lie beyond)."""
    found = run(depth)
    if scope is None:
        return found
    if found.truncated:
        deeper = run(deepest) if depth != deepest else found
        cut = any(scope.sees(i) for i in set(listed(deeper)) - set(listed(found)))
        found = found.model_copy(update={"truncated": cut or deeper.truncated})
    return redact(found, scope)


def dependencies_of(*, db: Database, bounds: Bounds, element_id: str, max_depth: int | None = None,
                    pillar: Pillar | None = None, element_type: ElementType | None = None,
                    limit: int | None = None, scope: Scope | None = None) -> DependenciesAnswer:
    depth, (cap, asked) = bounds.depth(max_depth, default=True), _cap(bounds, limit, scope)

    def answer(graph: Graph) -> DependenciesAnswer:
        _seen(scope, element_id)
        return _scoped(scope, lambda d: analysis.dependencies(
            graph, element_id, max_depth=d, pillars=pillar.value if pillar else None,
            types=element_type.value if element_type else None, limit=cap), depth, bounds.max_depth,
            lambda a: (n.id for n in a.nodes), lambda a, s: redaction.dependencies(a, s, asked))

    return _run(lambda: repo.upstream_graph(db, [element_id]), answer)


def impact_of(*, db: Database, bounds: Bounds, failed: list[str], max_depth: int | None = None,
              limit: int | None = None, pillar: Pillar | None = None,
              element_type: ElementType | None = None, scope: Scope | None = None) -> ImpactAnswer:
    if not failed:
        raise BadParameter("failed: name at least one element", [{"field": "failed", "reason": "empty"}])
    depth, (cap, asked) = bounds.depth(max_depth, default=True), _cap(bounds, limit, scope)

    def answer(graph: Graph) -> ImpactAnswer:
        if scope is not None:
            # ids out of scope are named with the unknown ones, so no answer tells them apart
            unknown = {i for i in failed if i not in graph.nodes or not scope.sees(i)}
            if unknown:
                raise InvalidFailedSet(sorted(unknown), [])
        return _scoped(scope, lambda d: analysis.impact(
            graph, failed, max_depth=d, limit=cap, pillars=pillar.value if pillar else None,
            types=element_type.value if element_type else None), depth, bounds.max_depth,
            lambda a: [*(x.id for x in a.affected), *(c.id for c in a.customers_at_risk),
                       *(g.id for g in a.agreements_at_risk)],
            lambda a, s: redaction.impact(a, s, asked))

    return _run(lambda: repo.downstream_graph(db, failed), answer)


def spofs_of(*, db: Database, bounds: Bounds, element_id: str, max_depth: int | None = None,
             limit: int | None = None, scope: Scope | None = None) -> SpofAnswer:
    depth, (cap, asked) = bounds.depth(max_depth, default=True), _cap(bounds, limit, scope)

    def answer(graph: Graph) -> SpofAnswer:
        _seen(scope, element_id)
        return _scoped(scope, lambda d: analysis.single_points_of_failure(graph, element_id, max_depth=d, limit=cap),
                       depth, bounds.max_depth, lambda a: (x.id for x in a.spofs),
                       lambda a, s: redaction.spofs(a, s, asked))

    return _run(lambda: repo.upstream_graph(db, [element_id]), answer)


def weakest_link_of(*, db: Database, bounds: Bounds, element_id: str, metric: Metric,
                    max_depth: int | None = None, limit: int | None = None,
                    scope: Scope | None = None) -> WeakestLinkAnswer:
    depth, (cap, asked) = bounds.depth(max_depth, default=True), _cap(bounds, limit, scope)

    def answer(graph: Graph) -> WeakestLinkAnswer:
        _seen(scope, element_id)
        return _scoped(scope, lambda d: analysis.weakest_link(graph, element_id, metric=metric, max_depth=d,
                                                              limit=cap),
                       depth, bounds.max_depth,
                       lambda a: [*(w.id for w in a.weakest), *(w.id for w in a.flags), *(g.id for g in a.agreements)],
                       lambda a, s: redaction.weakest_link(a, s, asked))

    return _run(lambda: repo.upstream_graph(db, [element_id], context=True), answer)


def supply_chain_of(*, db: Database, bounds: Bounds, element_id: str, organization: bool,
                    max_tier: int | None = None, as_of: date | None = None,
                    limit: int | None = None, scope: Scope | None = None) -> SupplyChainAnswer:
    """From a focal organisation (`organization`: the id must name one) or from an offering."""
    tier, (cap, asked) = bounds.depth(max_tier, default=False, field="max_tier"), _cap(bounds, limit, scope)

    def answer(graph: Graph) -> SupplyChainAnswer:
        _seen(scope, element_id)
        node = graph.nodes.get(element_id)
        if organization and node is not None and node.type != ElementType.ORGANIZATION:
            raise NotFound(f"{element_id!r} is a {node.type}, not an organization")
        return _scoped(scope, lambda t: analysis.supply_chain(graph, element_id, as_of=as_of, max_tier=t, limit=cap),
                       tier, None, lambda a: (o.id for t in a.tiers for o in t.organizations),
                       lambda a, s: redaction.supply_chain(a, s, asked))

    # Concentration compares with every live package's chain: the whole model is needed.
    return _run(lambda: repo.whole_graph(db), answer)


def critical_elements_of(*, db: Database, bounds: Bounds, limit: int | None = None,
                         scope: Scope | None = None) -> CriticalElementsAnswer:
    cap, asked = _cap(bounds, limit, scope)

    def answer(graph: Graph) -> CriticalElementsAnswer:
        if scope is None:
            return analysis.critical_elements(graph, limit=cap)
        among = scope.full | scope.context
        return redaction.critical_elements(analysis.critical_elements(graph, limit=cap, among=among), asked)

    return _run(lambda: repo.whole_graph(db), answer)


def portfolio_of(*, db: Database, bounds: Bounds, limit: int | None = None,
                 scope: Scope | None = None) -> PortfolioAnswer:
    cap, asked = _cap(bounds, limit, scope)

    def answer(graph: Graph) -> PortfolioAnswer:
        found = analysis.portfolio(graph, limit=cap)
        return redaction.portfolio(found, scope, asked) if scope else found

    return _run(lambda: repo.whole_graph(db), answer)
