"""The analyses as the API and the pictures ask them: fetch the subgraph, run, map errors.

Bounds: `max_depth` must lie in 1..SIGRAPH_MAX_DEPTH_LIMIT (dependencies, impact, single
points of failure and weakest link default to SIGRAPH_DEFAULT_MAX_DEPTH: an answer's paths
then stay short even on a pathological chain); every answer is capped at SIGRAPH_RESULT_LIMIT
items and says `truncated` when a bound cut it.

With a partner's `scope` every analysis still runs on the whole model; an id out of the scope
is answered as unknown, and the answer is then kept to the scope (app/analysis/redaction.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from app import analysis
from app.access.scope import Scope
from app.analysis import redaction
from app.analysis.answers import (
    AgreementsAnswer,
    AgreementStatus,
    Backing,
    Bounded,
    ComplianceGapsAnswer,
    CriticalElementsAnswer,
    DependenciesAnswer,
    ImpactAnswer,
    InformationAnswer,
    InformationIssue,
    OrganizationInformationAnswer,
    PortfolioAnswer,
    SpofAnswer,
    SupplyChainAnswer,
    WatermelonsAnswer,
    WeakestLinkAnswer,
)
from app.analysis.backing import agreements, backing
from app.analysis.compliance import compliance_gaps
from app.analysis.errors import AnalysisInputError, InvalidFailedSet, UnknownElement
from app.analysis.graph import Graph, Node
from app.analysis.information import information_objects, information_of
from app.analysis.measured import agreement_status, watermelons
from app.analysis.offering_tiers import OfferingTiers
from app.analysis.portfolio import LowestLevels
from app.analysis.repository import GraphSource, Snapshot
from app.analysis.spof import Criticality
from app.analysis.supply_chain import EVERY_GAP, GapFilter, SupplyReach, may_be_required
from app.analysis.weights import MAX_WEIGHTS, WEIGHT_NAME, weights_at_risk
from app.analysis.whole_model import WholeModel
from app.config import Settings
from app.errors import BadParameter, NotFound
from app.schema import ElementType, Metric, Pillar

T = TypeVar("T")
G = TypeVar("G", Graph, WholeModel)  # what a question reads: a subgraph, or the kept whole model
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

    def depth(self, asked: int | None) -> int:
        """The max_depth to use: the asked one if within bounds (else a 400), or the default."""
        return self.default_depth if asked is None else _within("max_depth", asked, self.max_depth)

    def tier(self, asked: int | None) -> int | None:
        """The max_tier to use: the asked one if within bounds (else a 400), or every tier."""
        return None if asked is None else _within("max_tier", asked, self.max_depth)

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


@dataclass(frozen=True)
class Answered(Generic[T]):
    """An answer with the graph it was computed on (read in one transaction): a picture draws both."""

    answer: T
    graph: Graph


def _run(source: GraphSource, fetch: Callable[[Snapshot], G], answer: Callable[[G], T]) -> T:
    found = source.read(fetch)
    with _domain_errors():
        return answer(found)


def _answered(source: GraphSource, fetch: Callable[[Snapshot], G], root: str, scope: Scope | None,
              answer: Callable[[G], T]) -> Answered[T]:
    """The answer with its graph, once `root` (the element a picture is of) is known to exist and be
    seen; it is loaded with the graph."""
    found = source.read(fetch)
    graph = found.graph if isinstance(found, WholeModel) else found
    root_of(graph, root, scope)
    with _domain_errors():
        return Answered(answer(found), graph)


def root_of(graph: Graph, element_id: str, scope: Scope | None) -> Node:
    """The element a picture is of, as loaded; 404 when it is unknown or out of the scope."""
    node = graph.nodes.get(element_id)
    if node is None or (scope is not None and not scope.sees(element_id)):
        raise NotFound(f"no element {element_id!r}")
    return node


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


def _dependencies(graph: Graph, bounds: Bounds, element_id: str, depth: int, pillar: Pillar | None,
                  element_type: ElementType | None, limit: int | None, scope: Scope | None) -> DependenciesAnswer:
    cap, asked = _cap(bounds, limit, scope)
    _seen(scope, element_id)
    return _scoped(scope, lambda d: analysis.dependencies(
        graph, element_id, max_depth=d, pillars=pillar.value if pillar else None,
        types=element_type.value if element_type else None, limit=cap), depth, bounds.max_depth,
        lambda a: (n.id for n in a.nodes), lambda a, s: redaction.dependencies(a, s, asked))


def dependencies_of(*, source: GraphSource, bounds: Bounds, element_id: str, max_depth: int | None = None,
                    pillar: Pillar | None = None, element_type: ElementType | None = None,
                    limit: int | None = None, scope: Scope | None = None) -> DependenciesAnswer:
    depth = bounds.depth(max_depth)
    bounds.limit(limit)
    return _run(source, lambda s: s.upstream([element_id]),
                lambda g: _dependencies(g, bounds, element_id, depth, pillar, element_type, limit, scope))


def dependencies_with_graph(*, source: GraphSource, bounds: Bounds, element_id: str,
                            max_depth: int | None = None, scope: Scope | None = None,
                            around: bool = False) -> Answered[DependenciesAnswer]:
    """The dependencies with the graph they were found on, which also holds what the weakest link
    of the same element needs (see weakest_link_on); with `around`, also the elements one
    relationship away from it (Snapshot.around), read in the same transaction."""
    depth = bounds.depth(max_depth)

    def fetch(s: Snapshot) -> Graph:
        graph = s.upstream([element_id], context=True)
        return s.around(graph) if around else graph

    return _answered(source, fetch, element_id, scope,
                     lambda g: _dependencies(g, bounds, element_id, depth, None, None, None, scope))


def _impact(graph: Graph, bounds: Bounds, failed: list[str], depth: int, limit: int | None,
            pillar: Pillar | None, element_type: ElementType | None, scope: Scope | None) -> ImpactAnswer:
    cap, asked = _cap(bounds, limit, scope)
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


def check_weights(weights: list[str] | None, field: str = "weights") -> list[str]:
    """Weight names as asked (`seats,revenue` or repeated), each a plain property name; a 400 else."""
    names = sorted({n.strip() for item in weights or [] for n in item.split(",") if n.strip()})
    bad = [n for n in names if not WEIGHT_NAME.match(n)]
    if bad or len(names) > MAX_WEIGHTS:
        raise BadParameter(f"{field}: at most {MAX_WEIGHTS} property names such as seats or revenue",
                           [{"field": field, "reason": f"{n!r} is not a property name"} for n in bad]
                           or [{"field": field, "reason": f"more than {MAX_WEIGHTS}"}])
    return names


def _failed_named(failed: list[str]) -> None:
    if not failed:
        raise BadParameter("failed: name at least one element", [{"field": "failed", "reason": "empty"}])


def impact_of(*, source: GraphSource, bounds: Bounds, failed: list[str], max_depth: int | None = None,
              limit: int | None = None, pillar: Pillar | None = None,
              element_type: ElementType | None = None, scope: Scope | None = None,
              weights: list[str] | None = None) -> ImpactAnswer:
    _failed_named(failed)
    depth = bounds.depth(max_depth)
    bounds.limit(limit)
    names = check_weights(weights)
    return _run(source, lambda s: s.downstream(failed), lambda g: weights_at_risk(
        g, _impact(g, bounds, failed, depth, limit, pillar, element_type, scope), names))


def element_impact_of(*, source: GraphSource, bounds: Bounds, element_id: str, max_depth: int | None = None,
                      limit: int | None = None, pillar: Pillar | None = None,
                      element_type: ElementType | None = None, scope: Scope | None = None,
                      weights: list[str] | None = None) -> ImpactAnswer:
    """The impact of one element failing: an unknown (or unseen) id is the asked element's, a 404 as
    every element route answers it, not a `failed` the client never wrote."""
    try:
        return impact_of(source=source, bounds=bounds, failed=[element_id], max_depth=max_depth, limit=limit,
                         pillar=pillar, element_type=element_type, scope=scope, weights=weights)
    except NotFound:
        raise NotFound(f"no element {element_id!r}") from None


GROUP_MEMBERS_MAX = 500  # group members loaded besides an impact's closure, for its picture


def impact_with_graph(*, source: GraphSource, bounds: Bounds, root: str, failed: list[str],
                      max_depth: int | None = None, scope: Scope | None = None,
                      around: bool = False) -> Answered[ImpactAnswer]:
    """The impact of `failed` with the graph it was found on, which holds `root` too, and the
    members of every redundancy group met on the way (those that held are outside the failure's
    closure: a picture draws them), and with `around` the elements one relationship away from all
    of them, read in the same transaction."""
    _failed_named(failed)
    depth = bounds.depth(max_depth)

    def fetch(s: Snapshot) -> Graph:
        graph = s.downstream(failed, also=[root])
        members = sorted({e.target for node_id in graph.nodes for g in graph.needs(node_id).groups
                          for e in g.members if e.target not in graph.nodes})[:GROUP_MEMBERS_MAX]
        graph = s.downstream(failed, also=[root, *members]) if members else graph
        return s.around(graph) if around else graph

    return _answered(source, fetch, root, scope, lambda g: _impact(g, bounds, failed, depth, None, None, None, scope))


def spofs_of(*, source: GraphSource, bounds: Bounds, element_id: str, max_depth: int | None = None,
             limit: int | None = None, scope: Scope | None = None) -> SpofAnswer:
    depth, (cap, asked) = bounds.depth(max_depth), _cap(bounds, limit, scope)

    def answer(graph: Graph) -> SpofAnswer:
        _seen(scope, element_id)
        return _scoped(scope, lambda d: analysis.single_points_of_failure(graph, element_id, max_depth=d, limit=cap),
                       depth, bounds.max_depth, lambda a: (x.id for x in a.spofs),
                       lambda a, s: redaction.spofs(a, s, asked))

    return _run(source, lambda s: s.upstream([element_id]), answer)


def weakest_link_on(graph: Graph, *, bounds: Bounds, element_id: str, metric: Metric,
                    max_depth: int | None = None, limit: int | None = None,
                    scope: Scope | None = None) -> WeakestLinkAnswer:
    """The weakest link on a graph already read that holds the element's upstream closure with its
    context (as dependencies_with_graph and supply_chain_with_graph answer it)."""
    depth, (cap, asked) = bounds.depth(max_depth), _cap(bounds, limit, scope)
    with _domain_errors():
        _seen(scope, element_id)
        return _scoped(scope, lambda d: analysis.weakest_link(graph, element_id, metric=metric, max_depth=d,
                                                              limit=cap),
                       depth, bounds.max_depth,
                       lambda a: [*(w.id for w in a.weakest), *(w.id for w in a.flags), *(g.id for g in a.agreements)],
                       lambda a, s: redaction.weakest_link(a, s, asked))


def weakest_link_of(*, source: GraphSource, bounds: Bounds, element_id: str, metric: Metric,
                    max_depth: int | None = None, limit: int | None = None,
                    scope: Scope | None = None) -> WeakestLinkAnswer:
    bounds.depth(max_depth)
    bounds.limit(limit)
    graph = source.read(lambda s: s.upstream([element_id], context=True))
    return weakest_link_on(graph, bounds=bounds, element_id=element_id, metric=metric, max_depth=max_depth,
                           limit=limit, scope=scope)


@dataclass(frozen=True)
class ComplianceQuestion:
    """What a supply-chain or compliance question asks of each organisation's attestations."""

    as_of: date | None = None
    expiring_within: int | None = None  # days
    gaps: GapFilter = EVERY_GAP


EVERY_GAP_TODAY = ComplianceQuestion()


def _filtered_organization_known(graph: Graph, asked: ComplianceQuestion, scope: Scope | None) -> None:
    """The `organization` a gap filter names exists (for a partner: in its scope), as every id asked
    for does: an unknown one is a 404, not an empty answer."""
    named = asked.gaps.organization
    if named is not None and (named not in graph.nodes or (scope is not None and not scope.sees(named))):
        raise NotFound(f"no element {named!r}", [{"field": "organization", "reason": "no such element"}])


def _supply_chain(model: WholeModel, bounds: Bounds, element_id: str, tier: int | None, asked: ComplianceQuestion,
                  limit: int | None, scope: Scope | None) -> SupplyChainAnswer:
    cap, shown = _cap(bounds, limit, scope)
    _seen(scope, element_id)
    _filtered_organization_known(model.graph, asked, scope)
    reach = model.fold(SupplyReach)
    return _scoped(scope, lambda t: analysis.supply_chain(
        model.graph, element_id, as_of=asked.as_of, max_tier=t, limit=cap, supply_reach=reach,
        expiring_within=asked.expiring_within, gaps=asked.gaps),
        tier, None, lambda a: (o.id for t in a.tiers for o in t.organizations),
        lambda a, s: redaction.supply_chain(a, s, shown))


def _organization(graph: Graph, element_id: str) -> None:
    node = graph.nodes.get(element_id)
    if node is not None and node.type != ElementType.ORGANIZATION:
        raise NotFound(f"{element_id!r} is a {node.type}, not an organization")


# Concentration compares with every live package's chain: the supply chain needs the whole model.

def supply_chain_of_element(*, source: GraphSource, bounds: Bounds, element_id: str, max_tier: int | None = None,
                            asked: ComplianceQuestion = EVERY_GAP_TODAY, limit: int | None = None,
                            scope: Scope | None = None) -> SupplyChainAnswer:
    """The organisations behind an offering (or any element), by tier."""
    tier = bounds.tier(max_tier)
    bounds.limit(limit)
    return _run(source, lambda s: s.whole_model(),
                lambda m: _supply_chain(m, bounds, element_id, tier, asked, limit, scope))


def supply_chain_of_organization(*, source: GraphSource, bounds: Bounds, element_id: str,
                                 max_tier: int | None = None, asked: ComplianceQuestion = EVERY_GAP_TODAY,
                                 limit: int | None = None, scope: Scope | None = None) -> SupplyChainAnswer:
    """A focal organisation's chain; 404 when the id names another type of element."""
    tier = bounds.tier(max_tier)
    bounds.limit(limit)

    def answer(model: WholeModel) -> SupplyChainAnswer:
        _seen(scope, element_id)
        _organization(model.graph, element_id)
        return _supply_chain(model, bounds, element_id, tier, asked, limit, scope)

    return _run(source, lambda s: s.whole_model(), answer)


def supply_chain_with_graph(*, source: GraphSource, bounds: Bounds, element_id: str, max_tier: int | None = None,
                            asked: ComplianceQuestion = EVERY_GAP_TODAY,
                            scope: Scope | None = None) -> Answered[SupplyChainAnswer]:
    """The supply chain of an organisation or another element, with the graph (the whole model) it
    was found on."""
    tier = bounds.tier(max_tier)
    return _answered(source, lambda s: s.whole_model(), element_id, scope,
                     lambda m: _supply_chain(m, bounds, element_id, tier, asked, None, scope))


def may_be_required_of(*, source: GraphSource, organization: str, requirement: str) -> bool | None:
    """Whether some chain can hold the requirement in force for the organisation (may_be_required);
    None when either is not in the model (the write that follows says which)."""
    def answer(model: WholeModel) -> bool | None:
        graph = model.graph
        if organization not in graph.nodes or requirement not in graph.nodes:
            return None
        return may_be_required(graph, organization, requirement)

    return _run(source, lambda s: s.whole_model(), answer)


def compliance_gaps_of(*, source: GraphSource, bounds: Bounds, asked: ComplianceQuestion = EVERY_GAP_TODAY,
                       limit: int | None = None, scope: Scope | None = None) -> ComplianceGapsAnswer:
    """The gaps of every live offering's supply chain; for a partner, those of its scope (app/analysis/redaction.py)."""
    cap = bounds.limit(limit)

    def answer(model: WholeModel) -> ComplianceGapsAnswer:
        _filtered_organization_known(model.graph, asked, scope)
        found = compliance_gaps(model.graph, as_of=asked.as_of, expiring_within=asked.expiring_within,
                                gaps=asked.gaps, limit=None if scope else cap, tiers=model.fold(OfferingTiers))
        return redaction.compliance_gaps(found, scope, cap) if scope else found

    return _run(source, lambda s: s.whole_model(), answer)


def critical_elements_of(*, source: GraphSource, bounds: Bounds, limit: int | None = None,
                         scope: Scope | None = None, rank_by: str | None = None) -> CriticalElementsAnswer:
    cap, asked = _cap(bounds, limit, scope)
    if rank_by is not None:
        names = check_weights([rank_by], "rank_by")
        if len(names) != 1:
            raise BadParameter("rank_by: one property name, such as seats",
                               [{"field": "rank_by", "reason": "ranks by one weight, not a list"}])
        rank_by = names[0]

    def answer(model: WholeModel) -> CriticalElementsAnswer:
        criticality = model.fold(Criticality)
        if scope is None:
            return analysis.critical_elements(model.graph, limit=cap, criticality=criticality, rank_by=rank_by)
        among = scope.full | scope.context
        return redaction.critical_elements(analysis.critical_elements(
            model.graph, limit=cap, among=among, criticality=criticality, rank_by=rank_by), asked)

    return _run(source, lambda s: s.whole_model(), answer)


def backing_of(*, source: GraphSource, element_id: str, scope: Scope | None = None) -> Backing:
    """An agreement against what it covers and the agreements underneath it; 404 for another element."""

    def answer(model: WholeModel) -> Backing:
        _seen(scope, element_id)
        found = backing(model.graph, element_id)
        return redaction.backing(found, scope) if scope else found

    return _run(source, lambda s: s.whole_model(), answer)


def agreements_of(*, source: GraphSource, bounds: Bounds, achievable: bool | None = None, limit: int | None = None,
                  scope: Scope | None = None) -> AgreementsAnswer:
    """Every live agreement, achievable or not (only those asked); for a partner, those of its scope."""
    cap = bounds.limit(limit)

    def answer(model: WholeModel) -> AgreementsAnswer:
        among = (scope.full | scope.context) if scope else None
        found, cut = agreements(model.graph, achievable=achievable, among=among, limit=cap)
        return AgreementsAnswer(agreements=found, truncated=cut)

    return _run(source, lambda s: s.whole_model(), answer)


def agreement_status_of(*, source: GraphSource, element_id: str, period: str | None = None,
                        scope: Scope | None = None) -> AgreementStatus:
    """An agreement's targets next to what was measured in a period (default: its last one)."""

    def answer(model: WholeModel) -> AgreementStatus:
        _seen(scope, element_id)
        return agreement_status(model.graph, element_id, period)

    return _run(source, lambda s: s.whole_model(), answer)


def watermelons_of(*, source: GraphSource, bounds: Bounds, period: str | None = None, limit: int | None = None,
                   scope: Scope | None = None) -> WatermelonsAnswer:
    """Packages whose service levels were met while experience missed; for a partner, those of its scope."""
    cap = bounds.limit(limit)

    def answer(model: WholeModel) -> WatermelonsAnswer:
        found = [w for w in watermelons(model.graph, period)
                 if scope is None or (scope.sees(w.package) and scope.sees_all([*w.met, *w.missed_by]))]
        return WatermelonsAnswer(period=period, watermelons=found[:cap], truncated=len(found) > cap)

    return _run(source, lambda s: s.whole_model(), answer)


def information_objects_of(*, source: GraphSource, bounds: Bounds, issue: InformationIssue | None = None,
                           limit: int | None = None, scope: Scope | None = None) -> InformationAnswer:
    """Every information object (with `issue`, those that have it); for a partner, those of its scope."""
    cap, shown = _cap(bounds, limit, scope)

    def answer(model: WholeModel) -> InformationAnswer:
        found = information_objects(model.graph, issue=issue, limit=None if scope else cap)
        return redaction.information_objects(found, scope, shown) if scope else found

    return _run(source, lambda s: s.whole_model(), answer)


def organization_information_of(*, source: GraphSource, bounds: Bounds, element_id: str, limit: int | None = None,
                                scope: Scope | None = None) -> OrganizationInformationAnswer:
    """What information reaches an organisation's systems and processes; 404 for another element."""
    cap, shown = _cap(bounds, limit, scope)

    def answer(model: WholeModel) -> OrganizationInformationAnswer:
        _seen(scope, element_id)
        _organization(model.graph, element_id)
        found = information_of(model.graph, element_id, limit=None if scope else cap)
        return redaction.organization_information(found, scope, shown) if scope else found

    return _run(source, lambda s: s.whole_model(), answer)


def whole_graph(*, source: GraphSource) -> Graph:
    """The whole model's graph (kept by revision), for the picture of the whole model."""
    return source.read(lambda s: s.whole())


def portfolio_of(*, source: GraphSource, bounds: Bounds, limit: int | None = None,
                 scope: Scope | None = None) -> PortfolioAnswer:
    cap, asked = _cap(bounds, limit, scope)

    def answer(model: WholeModel) -> PortfolioAnswer:
        found = analysis.portfolio(model.graph, limit=cap, lowest=model.fold(LowestLevels))
        return redaction.portfolio(found, scope, asked) if scope else found

    return _run(source, lambda s: s.whole_model(), answer)
