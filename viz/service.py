"""A picture of one analysis: the same service call that answers the JSON, then what the picture adds
(element properties for the hover text, relationships for the edges), cut to the node limit."""

from __future__ import annotations

from typing import Any

from app.analysis.answers import WeakestLinkAnswer
from app.analysis.service import (
    Bounds,
    dependencies_of,
    impact_of,
    supply_chain_of,
    weakest_link_of,
)
from app.db.database import Database
from app.errors import NotFound
from app.schema import ElementType, Metric
from viz import build, impact, supply
from viz.data import docs_and_relations, element_docs
from viz.picture import Picture, PictureRequest, View


def picture_of(*, db: Database, bounds: Bounds, node_limit: int, request: PictureRequest) -> Picture:
    """The picture the request asks for; unknown ids are a 404, bad bounds a 400, as in the API."""
    root = element_docs(db, [request.element_id]).get(request.element_id)
    if root is None:
        raise NotFound(f"no element {request.element_id!r}")
    if request.view == View.IMPACT:
        return _impact(db, bounds, node_limit, request, root)
    if request.view == View.SUPPLY_CHAIN:
        return _supply_chain(db, bounds, node_limit, request, root)
    return _dependencies(db, bounds, node_limit, request, root)


def _weakest(db: Database, bounds: Bounds, element_id: str, metric: Metric,
             max_depth: int | None = None) -> WeakestLinkAnswer:
    return weakest_link_of(db=db, bounds=bounds, element_id=element_id, metric=metric, max_depth=max_depth)


def _dependencies(db: Database, bounds: Bounds, node_limit: int, request: PictureRequest,
                  root: dict[str, Any]) -> Picture:
    answer = dependencies_of(db=db, bounds=bounds, element_id=request.element_id, max_depth=request.max_depth)
    weakest = _weakest(db, bounds, request.element_id, request.metric, request.max_depth)
    cut = build.nearest(build.dependency_distances(answer), node_limit)
    docs = element_docs(db, cut.kept)
    return build.dependencies_picture(answer, weakest, docs, cut, root_type=root["type"], root_name=root["name"])


def _impact(db: Database, bounds: Bounds, node_limit: int, request: PictureRequest, root: dict[str, Any]) -> Picture:
    failed = request.failed or [request.element_id]
    answer = impact_of(db=db, bounds=bounds, failed=failed, max_depth=request.max_depth)
    cut = build.nearest(impact.impact_distances(answer, request.element_id), node_limit)
    docs, relations = docs_and_relations(db, cut.kept)
    return impact.impact_picture(answer, docs, relations, cut, root=request.element_id, root_type=root["type"],
                                root_name=root["name"])


def _supply_chain(db: Database, bounds: Bounds, node_limit: int, request: PictureRequest,
                  root: dict[str, Any]) -> Picture:
    answer = supply_chain_of(db=db, bounds=bounds, element_id=request.element_id,
                             organization=root["type"] == ElementType.ORGANIZATION,
                             max_tier=request.max_tier, as_of=request.as_of)
    weakest = _weakest(db, bounds, request.element_id, request.metric)
    cut = build.nearest(supply.supply_chain_distances(answer), node_limit)
    docs, relations = docs_and_relations(db, cut.kept, supply.penultimates(answer))
    return supply.supply_chain_picture(answer, weakest, docs, relations, cut, root_type=root["type"],
                                       root_name=root["name"])
