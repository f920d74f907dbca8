"""Analyses of spec/analysis.md: pure Python over a subgraph fetched from Neo4j.

Each function takes a ``Graph`` and returns an answer model of ``answers``; its docstring
says which part of the model the Graph must hold. The words used there:

- *upstream closure* of X: X and every element reachable from X over dependency
  relationships (``schema.DEPENDENCY_TYPES``), with every dependency relationship leaving
  those elements;
- *downstream closure* of X: X and every element from which X is reachable over dependency
  relationships, with every dependency relationship leaving those elements (their targets
  need not be loaded; an element not loaded counts as up).

Retired elements take no part in impact, single points of failure, weakest link,
availability, supply chain and portfolio levels (they count as up and pass nothing on); the
dependency listing shows them, with their lifecycle.
"""

from app.analysis.availability import agreement_checks, composite_availability
from app.analysis.dependencies import dependencies
from app.analysis.errors import AnalysisInputError, InvalidBound, InvalidFailedSet, UnknownElement
from app.analysis.impact import check_failed_set, failed_set_problems, impact
from app.analysis.portfolio import portfolio
from app.analysis.spof import critical_elements, single_points_of_failure
from app.analysis.supply_chain import supply_chain
from app.analysis.weakest_link import weakest_link

__all__ = [
    "AnalysisInputError",
    "InvalidBound",
    "InvalidFailedSet",
    "UnknownElement",
    "agreement_checks",
    "check_failed_set",
    "composite_availability",
    "critical_elements",
    "dependencies",
    "failed_set_problems",
    "impact",
    "portfolio",
    "single_points_of_failure",
    "supply_chain",
    "weakest_link",
]
