"""A picture of one analysis: the same service call that answers the JSON, then what the picture adds
(element properties for the hover text, relationships for the edges), cut to the node limit.

With a partner scope the answers come scoped from the service, and the properties and
relationships drawn are those the scope shows: a picture never names what the JSON would not.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from app.access.scope import Scope
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
from app.model.validation import ExistingRelation
from app.schema import ElementType, Metric
from viz import build, impact, supply
from viz.data import Docs, docs_and_relations, element_docs
from viz.picture import Picture, PictureRequest, View


def picture_of(*, db: Database, bounds: Bounds, node_limit: int, request: PictureRequest,
               scope: Scope | None = None) -> Picture:
    """The picture the request asks for; bad bounds a 400 (first, as in the API), unknown ids a 404."""
    bounds.depth(request.max_depth, default=True)
    bounds.depth(request.max_tier, default=False, field="max_tier")
    root = _scoped(element_docs(db, [request.element_id]), scope).get(request.element_id)
    if root is None:
        raise NotFound(f"no element {request.element_id!r}")
    if request.view == View.IMPACT:
        return _impact(db, bounds, node_limit, request, root, scope)
    if request.view == View.SUPPLY_CHAIN:
        return _supply_chain(db, bounds, node_limit, request, root, scope)
    return _dependencies(db, bounds, node_limit, request, root, scope)


def _scoped(docs: Docs, scope: Scope | None) -> Docs:
    if scope is None:
        return docs
    shown = {i: scope.document(d) for i, d in docs.items()}
    return {i: d for i, d in shown.items() if d is not None}


def _scoped_relations(relations: Iterable[ExistingRelation], scope: Scope | None) -> list[ExistingRelation]:
    return [r for r in relations if scope is None or scope.sees_relation(*r.key)]


def _weakest(db: Database, bounds: Bounds, element_id: str, metric: Metric, scope: Scope | None,
             max_depth: int | None = None) -> WeakestLinkAnswer:
    return weakest_link_of(db=db, bounds=bounds, element_id=element_id, metric=metric, max_depth=max_depth,
                           scope=scope)


def _dependencies(db: Database, bounds: Bounds, node_limit: int, request: PictureRequest,
                  root: dict[str, Any], scope: Scope | None) -> Picture:
    answer = dependencies_of(db=db, bounds=bounds, element_id=request.element_id, max_depth=request.max_depth,
                             scope=scope)
    weakest = _weakest(db, bounds, request.element_id, request.metric, scope, request.max_depth)
    cut = build.nearest(build.dependency_distances(answer), node_limit)
    docs = _scoped(element_docs(db, cut.kept), scope)
    return build.dependencies_picture(answer, weakest, docs, cut, root_type=root["type"], root_name=root["name"])


def _impact(db: Database, bounds: Bounds, node_limit: int, request: PictureRequest, root: dict[str, Any],
            scope: Scope | None) -> Picture:
    failed = request.failed or [request.element_id]
    answer = impact_of(db=db, bounds=bounds, failed=failed, max_depth=request.max_depth, scope=scope)
    cut = build.nearest(impact.impact_distances(answer, request.element_id), node_limit)
    docs, relations = docs_and_relations(db, cut.kept)
    return impact.impact_picture(answer, _scoped(docs, scope), _scoped_relations(relations, scope), cut,
                                 root=request.element_id, root_type=root["type"], root_name=root["name"])


def _supply_chain(db: Database, bounds: Bounds, node_limit: int, request: PictureRequest,
                  root: dict[str, Any], scope: Scope | None) -> Picture:
    answer = supply_chain_of(db=db, bounds=bounds, element_id=request.element_id,
                             organization=root["type"] == ElementType.ORGANIZATION,
                             max_tier=request.max_tier, as_of=request.as_of, scope=scope)
    weakest = _weakest(db, bounds, request.element_id, request.metric, scope)
    cut = build.nearest(supply.supply_chain_distances(answer), node_limit)
    docs, relations = docs_and_relations(db, cut.kept, supply.penultimates(answer))
    return supply.supply_chain_picture(answer, weakest, _scoped(docs, scope), _scoped_relations(relations, scope),
                                       cut, root_type=root["type"], root_name=root["name"])
