"""The analyses of spec/analysis.md behind the paths of spec/api.md.

Each answer is kept by model revision (`Cached`, app/api/answer_cache.py): the same question about
an unchanged model is answered from memory. The response model documents the body.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from app.analysis import service
from app.analysis.answers import (
    CriticalElementsAnswer,
    DependenciesAnswer,
    ImpactAnswer,
    ImpactRequest,
    PortfolioAnswer,
    SpofAnswer,
    SupplyChainAnswer,
    WeakestLinkAnswer,
)
from app.api.access import JsonBody, Reader
from app.api.deps import Bounds, Cached, Compliance, ElementId, Graphs, Limit, MaxDepth, MaxTier
from app.schema import ElementType, Metric, Pillar

router = APIRouter(prefix="/api/v1", tags=["analysis"])
Weights = Annotated[list[str] | None, Query(max_length=10, description="sum these numeric attributes (seats, revenue) "
                                                                      "over the customers and agreements at risk: "
                                                                      "`seats,revenue` or repeated")]


@router.get("/elements/{element_id}/dependencies", response_model=DependenciesAnswer,
            summary="Everything an element needs, transitively (upstream)")
async def dependencies(element_id: ElementId, caller: Reader, answers: Cached, graphs: Graphs, bounds: Bounds,
                 max_depth: MaxDepth = None, pillar: Pillar | None = None, type: ElementType | None = None,
                 limit: Limit = None) -> Response:
    return await answers.json(lambda: service.dependencies_of(
        source=graphs, bounds=bounds, element_id=element_id, max_depth=max_depth, pillar=pillar,
        element_type=type, limit=limit, scope=caller.scope))


@router.post("/impact", response_model=ImpactAnswer, summary="What goes down or degrades when elements fail")
async def impact(caller: Reader, answers: Cached, _: JsonBody, request: ImpactRequest, graphs: Graphs,
           bounds: Bounds) -> Response:
    return await answers.json(lambda: service.impact_of(
        source=graphs, bounds=bounds, failed=request.failed, max_depth=request.max_depth, limit=request.limit,
        pillar=request.pillar, element_type=request.type, scope=caller.scope, weights=request.weights))


@router.get("/elements/{element_id}/impact", response_model=ImpactAnswer,
            summary="What goes down or degrades when this element fails")
async def element_impact(element_id: ElementId, caller: Reader, answers: Cached, graphs: Graphs, bounds: Bounds,
                   max_depth: MaxDepth = None, pillar: Pillar | None = None, type: ElementType | None = None,
                   limit: Limit = None, weights: Weights = None) -> Response:
    return await answers.json(lambda: service.element_impact_of(
        source=graphs, bounds=bounds, element_id=element_id, max_depth=max_depth, limit=limit, pillar=pillar,
        element_type=type, scope=caller.scope, weights=weights))


@router.get("/elements/{element_id}/single-points-of-failure", response_model=SpofAnswer,
            summary="The elements whose failure alone takes this one down")
async def single_points_of_failure(element_id: ElementId, caller: Reader, answers: Cached, graphs: Graphs,
                             bounds: Bounds, max_depth: MaxDepth = None, limit: Limit = None) -> Response:
    return await answers.json(lambda: service.spofs_of(
        source=graphs, bounds=bounds, element_id=element_id, max_depth=max_depth, limit=limit, scope=caller.scope))


@router.get("/analysis/critical-elements", response_model=CriticalElementsAnswer,
            summary="Elements ranked by the live packages and customers their failure alone takes down")
async def critical_elements(caller: Reader, answers: Cached, graphs: Graphs, bounds: Bounds,
                            limit: Limit = None, rank_by: Annotated[str | None, Query(
                                max_length=64, description="rank by the sum of this numeric attribute (seats, "
                                                           "revenue) over the customers taken down")] = None,
                            ) -> Response:
    return await answers.json(lambda: service.critical_elements_of(
        source=graphs, bounds=bounds, limit=limit, scope=caller.scope, rank_by=rank_by))


@router.get("/elements/{element_id}/weakest-link", response_model=WeakestLinkAnswer,
            summary="The lowest link of the chain, weak links, composite availability, SLA/XLA checks")
async def weakest_link(element_id: ElementId, caller: Reader, answers: Cached, graphs: Graphs, bounds: Bounds,
                 metric: Metric = Metric.SERVICE_LEVEL, max_depth: MaxDepth = None,
                 limit: Limit = None) -> Response:
    return await answers.json(lambda: service.weakest_link_of(
        source=graphs, bounds=bounds, element_id=element_id, metric=metric, max_depth=max_depth, limit=limit,
        scope=caller.scope))


@router.get("/organizations/{element_id}/supply-chain", response_model=SupplyChainAnswer,
            summary="A focal organisation's suppliers by tier, compliance gaps, concentration")
async def organization_supply_chain(element_id: ElementId, caller: Reader, answers: Cached, graphs: Graphs,
                                    bounds: Bounds, asked: Compliance, max_tier: MaxTier = None,
                                    limit: Limit = None) -> Response:
    return await answers.json(lambda: service.supply_chain_of_organization(
        source=graphs, bounds=bounds, element_id=element_id, max_tier=max_tier, asked=asked, limit=limit,
        scope=caller.scope))


@router.get("/elements/{element_id}/supply-chain", response_model=SupplyChainAnswer,
            summary="The organisations behind an offering by tier, compliance gaps, concentration")
async def element_supply_chain(element_id: ElementId, caller: Reader, answers: Cached, graphs: Graphs, bounds: Bounds,
                               asked: Compliance, max_tier: MaxTier = None, limit: Limit = None) -> Response:
    return await answers.json(lambda: service.supply_chain_of_element(
        source=graphs, bounds=bounds, element_id=element_id, max_tier=max_tier, asked=asked, limit=limit,
        scope=caller.scope))


@router.get("/portfolio", response_model=PortfolioAnswer,
            summary="Offerings in pipeline, live and retired, with requirements, consumers, agreements")
async def portfolio(caller: Reader, answers: Cached, graphs: Graphs, bounds: Bounds, limit: Limit = None) -> Response:
    return await answers.json(lambda: service.portfolio_of(
        source=graphs, bounds=bounds, limit=limit, scope=caller.scope))
