"""The analyses of spec/analysis.md behind the paths of spec/api.md."""

from __future__ import annotations

from fastapi import APIRouter

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
from app.api.deps import AsOf, Bounds, ElementId, Graphs, Limit, MaxDepth, MaxTier
from app.schema import ElementType, Metric, Pillar

router = APIRouter(prefix="/api/v1", tags=["analysis"])

@router.get("/elements/{element_id}/dependencies", response_model=DependenciesAnswer,
            summary="Everything an element needs, transitively (upstream)")
def dependencies(element_id: ElementId, caller: Reader, graphs: Graphs, bounds: Bounds, max_depth: MaxDepth = None,
                 pillar: Pillar | None = None, type: ElementType | None = None,
                 limit: Limit = None) -> DependenciesAnswer:
    return service.dependencies_of(source=graphs, bounds=bounds, element_id=element_id, max_depth=max_depth,
                                   pillar=pillar, element_type=type, limit=limit, scope=caller.scope)


@router.post("/impact", response_model=ImpactAnswer, summary="What goes down or degrades when elements fail")
def impact(caller: Reader, _: JsonBody, request: ImpactRequest, graphs: Graphs, bounds: Bounds) -> ImpactAnswer:
    return service.impact_of(source=graphs, bounds=bounds, failed=request.failed, max_depth=request.max_depth,
                             limit=request.limit, pillar=request.pillar, element_type=request.type,
                             scope=caller.scope)


@router.get("/elements/{element_id}/impact", response_model=ImpactAnswer,
            summary="What goes down or degrades when this element fails")
def element_impact(element_id: ElementId, caller: Reader, graphs: Graphs, bounds: Bounds, max_depth: MaxDepth = None,
                   pillar: Pillar | None = None, type: ElementType | None = None,
                   limit: Limit = None) -> ImpactAnswer:
    return service.impact_of(source=graphs, bounds=bounds, failed=[element_id], max_depth=max_depth, limit=limit,
                             pillar=pillar, element_type=type, scope=caller.scope)


@router.get("/elements/{element_id}/single-points-of-failure", response_model=SpofAnswer,
            summary="The elements whose failure alone takes this one down")
def single_points_of_failure(element_id: ElementId, caller: Reader, graphs: Graphs, bounds: Bounds,
                             max_depth: MaxDepth = None, limit: Limit = None) -> SpofAnswer:
    return service.spofs_of(source=graphs, bounds=bounds, element_id=element_id, max_depth=max_depth, limit=limit,
                            scope=caller.scope)


@router.get("/analysis/critical-elements", response_model=CriticalElementsAnswer,
            summary="Elements ranked by the live packages and customers their failure alone takes down")
def critical_elements(caller: Reader, graphs: Graphs, bounds: Bounds, limit: Limit = None) -> CriticalElementsAnswer:
    return service.critical_elements_of(source=graphs, bounds=bounds, limit=limit, scope=caller.scope)


@router.get("/elements/{element_id}/weakest-link", response_model=WeakestLinkAnswer,
            summary="The lowest link of the chain, weak links, composite availability, SLA/XLA checks")
def weakest_link(element_id: ElementId, caller: Reader, graphs: Graphs, bounds: Bounds,
                 metric: Metric = Metric.SERVICE_LEVEL, max_depth: MaxDepth = None,
                 limit: Limit = None) -> WeakestLinkAnswer:
    return service.weakest_link_of(source=graphs, bounds=bounds, element_id=element_id, metric=metric,
                                   max_depth=max_depth, limit=limit, scope=caller.scope)


@router.get("/organizations/{element_id}/supply-chain", response_model=SupplyChainAnswer,
            summary="A focal organisation's suppliers by tier, compliance gaps, concentration")
def organization_supply_chain(element_id: ElementId, caller: Reader, graphs: Graphs, bounds: Bounds,
                              max_tier: MaxTier = None, as_of: AsOf = None, limit: Limit = None) -> SupplyChainAnswer:
    return service.supply_chain_of_organization(source=graphs, bounds=bounds, element_id=element_id,
                                                max_tier=max_tier, as_of=as_of, limit=limit, scope=caller.scope)


@router.get("/elements/{element_id}/supply-chain", response_model=SupplyChainAnswer,
            summary="The organisations behind an offering by tier, compliance gaps, concentration")
def element_supply_chain(element_id: ElementId, caller: Reader, graphs: Graphs, bounds: Bounds,
                         max_tier: MaxTier = None, as_of: AsOf = None, limit: Limit = None) -> SupplyChainAnswer:
    return service.supply_chain_of_element(source=graphs, bounds=bounds, element_id=element_id,
                                           max_tier=max_tier, as_of=as_of, limit=limit, scope=caller.scope)


@router.get("/portfolio", response_model=PortfolioAnswer,
            summary="Offerings in pipeline, live and retired, with requirements, consumers, agreements")
def portfolio(caller: Reader, graphs: Graphs, bounds: Bounds, limit: Limit = None) -> PortfolioAnswer:
    return service.portfolio_of(source=graphs, bounds=bounds, limit=limit, scope=caller.scope)
