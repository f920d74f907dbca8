"""The graph-wide values kept with the whole model, carried through a write from what it changed,
equal the values computed afresh on the model after the write: on random models and random writes
(elements put, replaced, retired or removed, with the relationships leaving them)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.analysis.compliance import compliance_gaps
from app.analysis.graph import Edge, Graph, Node
from app.analysis.incremental import affected_by, changed_elements
from app.analysis.offering_tiers import OfferingTiers
from app.analysis.portfolio import LowestLevels, portfolio
from app.analysis.spof import Criticality, critical_elements
from app.analysis.supply_chain import SupplyReach, chain_of, supply_chain
from app.analysis.whole_model import WholeModel
from app.schema import PILLAR_OF, ElementType, Lifecycle, RelType
from tests.analysis.strategies import models

FOLDS = (Criticality, LowestLevels, SupplyReach)


def _rewritten(draw: st.DrawFn, before: Graph) -> tuple[Graph, set[str]]:
    """`before` after a random write, and the ids it names: each named element takes its value (and
    the relationships leaving it) from another random model, or is removed."""
    other = draw(models(max_nodes=10))
    ids = sorted(before.nodes.keys() | other.nodes.keys())
    named = set(draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True)))
    nodes = {i: n for i, n in before.nodes.items() if i not in named}
    nodes.update({i: other.nodes[i] for i in named if i in other.nodes})
    edges = [e for i, out in before.out_edges.items() if i not in named for e in out]
    edges += [e for i, out in other.out_edges.items() if i in named for e in out]
    return Graph(nodes.values(), [e for e in edges if e.source in nodes and e.target in nodes]), named


@st.composite
def writes(draw: st.DrawFn, count: int = 1) -> tuple[Graph, list[tuple[Graph, set[str]]]]:
    """A model and `count` writes in a row: each the model after it and the ids it names."""
    before = draw(models(max_nodes=10))
    done: list[tuple[Graph, set[str]]] = []
    for _ in range(count):
        done.append(_rewritten(draw, done[-1][0] if done else before))
    return before, done


def _patched(before: Graph, done: list[tuple[Graph, set[str]]]) -> WholeModel:
    """The model kept with every fold built, patched through the writes (no fold asked in between)."""
    model = WholeModel(before)
    for kind in FOLDS:
        model.fold(kind)
    tiers = model.fold(OfferingTiers)  # placed when asked: every offering's, before the writes
    for v in _offerings(before):
        tiers.placed(v)
    for after, named in done:
        model = model.patched({i: after.nodes[i] for i in named if i in after.nodes},
                              {i: list(after.out_edges.get(i, [])) for i in named if i in after.nodes}, named)
    return model


def _offerings(graph: Graph) -> list[str]:
    return sorted(i for i, n in graph.nodes.items() if n.type in (ElementType.SERVICE_PACKAGE, ElementType.SERVICE))


def _roots(graph: Graph) -> list[str]:
    return sorted(i for i, n in graph.nodes.items() if n.type != ElementType.AGREEMENT)


@settings(max_examples=300, deadline=None)
@given(write=st.integers(1, 3).flatmap(lambda count: writes(count)))
def test_carried_folds_equal_fresh_ones(write: tuple[Graph, list[tuple[Graph, set[str]]]]) -> None:
    """After one write, or several in a row with no graph-wide question in between."""
    before, done = write
    after = done[-1][0]
    carried = _patched(before, done)
    fresh = WholeModel(after)
    criticality, expected = carried.fold(Criticality), fresh.fold(Criticality)
    assert {v: criticality.sets.of(v) for v in after.nodes} == {v: expected.sets.of(v) for v in after.nodes}
    assert (criticality.packages, criticality.customers) == (expected.packages, expected.customers)
    assert (criticality.packages_of, criticality.customers_of) == (expected.packages_of, expected.customers_of)
    assert carried.fold(LowestLevels).levels == fresh.fold(LowestLevels).levels
    reach, expected_reach = carried.fold(SupplyReach), fresh.fold(SupplyReach)
    assert {o: reach.packages(o) for o in after.nodes} == {o: expected_reach.packages(o) for o in after.nodes}
    # and so the answers: the graph-wide ones, and the supply chain of every element
    assert critical_elements(after, criticality=criticality) == critical_elements(after)
    assert portfolio(after, lowest=carried.fold(LowestLevels)) == portfolio(after)
    for root in _roots(after):
        assert supply_chain(after, root, supply_reach=reach) == supply_chain(after, root)
    tiers = carried.fold(OfferingTiers)
    for offering in _offerings(after):
        assert tiers.placed(offering) == chain_of(after, offering).placed
    assert compliance_gaps(after, tiers=tiers) == compliance_gaps(after)


@settings(max_examples=100, deadline=None)
@given(write=writes())
def test_only_what_depends_on_a_changed_element_is_folded_again(
        write: tuple[Graph, list[tuple[Graph, set[str]]]]) -> None:
    before, [(after, named)] = write
    affected = affected_by(after, changed_elements(before, after, named))
    # every element outside keeps the very failure set it had: it reaches nothing that changed
    kept, fresh = Criticality.of(before).sets, Criticality.of(after).sets
    for v in after.nodes.keys() - affected:
        assert kept.of(v) == fresh.of(v)


def test_a_write_that_changes_no_dependency_folds_nothing_again() -> None:
    """Renaming or describing an element leaves every fold as it was (nothing is affected)."""

    def system(i: str, name: str) -> Node:
        return Node(i, ElementType.SYSTEM, name, PILLAR_OF[ElementType.SYSTEM], Lifecycle.LIVE, {"description": name})

    before = Graph([system("a", "A"), system("b", "B")], [Edge("a", RelType.RUNS_ON, "b")])
    after = Graph([system("a", "A"), system("b", "Renamed")], [Edge("a", RelType.RUNS_ON, "b")])
    assert changed_elements(before, after, {"b"}) == set()
