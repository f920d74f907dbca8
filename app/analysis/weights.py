"""Weights (docs/agreements.md, "Impact that counts what matters"): numeric attributes of customers
and agreements, such as `seats` and `revenue`, summed over what an impact puts at risk or a failure
takes down. A weight is the element's attribute of that name (or a property of that name), when
it is a number; elements without it are listed as unweighted, never counted as zero silently."""

from __future__ import annotations

import re

from app.analysis.answers import ImpactAnswer, WeightAtRisk
from app.analysis.graph import Graph

WEIGHT_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,63}$")
MAX_WEIGHTS = 10


def weight_of(graph: Graph, element: str, name: str) -> int | float | None:
    node = graph.nodes.get(element)
    if node is None:
        return None
    attributes = node.props.get("attributes")
    value = attributes.get(name) if isinstance(attributes, dict) else None
    if value is None:
        value = node.props.get(name)
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def _total(values: list[int | float]) -> int | float:
    total = sum(values)
    return round(total, 6) if isinstance(total, float) else total


def weights_at_risk(graph: Graph, answer: ImpactAnswer, names: list[str]) -> ImpactAnswer:
    """The impact answer with, for each weight name, its sum over customers and agreements at risk."""
    found = {}
    for name in names:
        customers = {c.id: weight_of(graph, c.id, name) for c in answer.customers_at_risk}
        agreements = {a.id: weight_of(graph, a.id, name) for a in answer.agreements_at_risk}
        found[name] = WeightAtRisk(
            customers=_total([v for v in customers.values() if v is not None]),
            agreements=_total([v for v in agreements.values() if v is not None]),
            unweighted=sorted(i for i, v in {**customers, **agreements}.items() if v is None))
    return answer.model_copy(update={"weights": found})
