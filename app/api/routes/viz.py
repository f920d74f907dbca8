"""The pictures of spec/api.md: an interactive HTML page per analysis, and a start page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from fastapi.responses import HTMLResponse

from app.analysis import service
from app.api.access import InternalReader, Reader
from app.api.deps import (
    AsOf,
    Bounds,
    Cached,
    Db,
    ElementId,
    ExpiringWithin,
    Graphs,
    MaxDepth,
    MaxTier,
    ScenarioName,
    Scenarios,
    SettingsDep,
    horizon_days,
)
from app.model.documents import ID_MAX
from app.model.elements import first_pages
from app.schema import Metric
from viz.charts import render_critical, render_portfolio
from viz.landing import PER_SECTION, SECTION_TYPES, landing_of, render_landing
from viz.model_picture import model_picture
from viz.page import Links, links_for, render
from viz.picture import Layout, PictureRequest, View
from viz.report import render_report, report_of
from viz.service import picture_of, scenario_picture_of

router = APIRouter(tags=["pictures"])


class PageState:
    """What the page's own controls keep in the address so a view can be shared; the page applies
    them itself (nothing is asked again), the service only lets them through."""

    def __init__(self,
                 show_depth: Annotated[int | None, Query(ge=1, le=10_000, description="page: deepest shown")] = None,
                 show_type: Annotated[str | None, Query(max_length=64, description="page: the one type shown")] = None,
                 show_pillars: Annotated[str | None, Query(max_length=200, description="page: the pillars shown, "
                                                                                       "comma-separated")] = None,
                 only_paths: Annotated[bool, Query(description="page: only the answer's paths")] = False,
                 focus: Annotated[str | None, Query(max_length=ID_MAX, description="page: the element focused")] = None,
                 neighbours: Annotated[bool, Query(description="page: the neighbourhood shown too (the elements "
                                                               "one relationship away, outside the answer)")] = False,
                 ) -> None:
        self.values = (show_depth, show_type, show_pillars, only_paths, focus, neighbours)


PAGE_STATE = PageState()



@router.get("/", response_class=HTMLResponse, summary="Start page: elements and their pictures")
@router.get("/viz", response_class=HTMLResponse, summary="Start page: elements and their pictures")
async def landing(caller: Reader, answers: Cached, db: Db) -> Response:
    return await answers.html(lambda: render_landing(landing_of(
        first_pages(db=db, types=SECTION_TYPES, limit=PER_SECTION, scope=caller.scope))))


@router.get("/viz/elements/{element_id}", response_class=HTMLResponse,
            summary="An interactive picture of one analysis of an element")
async def picture(
    element_id: ElementId,
    caller: Reader,
    answers: Cached,
    graphs: Graphs,
    bounds: Bounds,
    settings: SettingsDep,
    view: View = View.DEPENDENCIES,
    failed: Annotated[list[str] | None, Query(description="impact: the failed ids, repeated or comma-separated; "
                                                          "default the element itself")] = None,
    metric: Annotated[Metric, Query(description="which weakest link to mark")] = Metric.SERVICE_LEVEL,
    max_depth: MaxDepth = None,
    max_tier: MaxTier = None,
    as_of: AsOf = None,
    expiring_within: ExpiringWithin = None,
    layout: Annotated[Layout, Query(description="dependencies and impact: bands by depth (default) or by "
                                                "pillar, or free (forces)")] = Layout.DEPTH,
    view_state: Annotated[PageState, Depends()] = PAGE_STATE,
) -> Response:
    request = PictureRequest(element_id=element_id, view=view, failed=failed, metric=metric, max_depth=max_depth,
                             max_tier=max_tier, as_of=as_of, layout=layout,
                             expiring_within=horizon_days(expiring_within))
    return await answers.html(lambda: render(
        picture_of(source=graphs, bounds=bounds, node_limit=settings.viz_node_limit, request=request,
                   scope=caller.scope),
        links=links_for(element_id)))


@router.get("/viz/model", response_class=HTMLResponse,
            summary="The whole model at a glance, clustered by organisation (the clusters only past 2,000 elements)")
async def model_picture_page(caller: Reader, answers: Cached, graphs: Graphs) -> Response:
    return await answers.html(lambda: render(model_picture(service.whole_graph(source=graphs), caller.scope),
                                             links=Links(home="/", docs="/docs", views={})))


@router.get("/viz/portfolio", response_class=HTMLResponse,
            summary="The portfolio: offerings by lifecycle, with their lowest service level and last measured period")
async def portfolio_picture(caller: Reader, answers: Cached, graphs: Graphs, bounds: Bounds) -> Response:
    return await answers.html(lambda: render_portfolio(service.portfolio_of(source=graphs, bounds=bounds,
                                                                            scope=caller.scope)))


@router.get("/viz/critical-elements", response_class=HTMLResponse,
            summary="Critical elements as a ranked bar chart: what one failure takes down")
async def critical_picture(caller: Reader, answers: Cached, graphs: Graphs, bounds: Bounds,
                           rank_by: Annotated[str | None, Query(max_length=64, description="rank by this weight "
                                                                "(seats, revenue) of the customers taken down")] = None,
                           limit: Annotated[int | None, Query(description="bars: 1 to SIGRAPH_RESULT_LIMIT")] = 30,
                           ) -> Response:
    return await answers.html(lambda: render_critical(service.critical_elements_of(
        source=graphs, bounds=bounds, limit=limit, scope=caller.scope, rank_by=rank_by), rank_by))


@router.get("/viz/report/{element_id}", response_class=HTMLResponse,
            summary="A one-page report of an offering to print: dependencies, single points of failure, "
                    "weakest link, agreements and what backs them, supply-chain gaps")
async def report(element_id: ElementId, caller: Reader, answers: Cached, graphs: Graphs, bounds: Bounds) -> Response:
    def page() -> str:
        found = report_of(source=graphs, bounds=bounds, element_id=element_id, scope=caller.scope)
        return render_report(found)

    return await answers.html(page)


@router.get("/viz/scenarios/{name}", response_class=HTMLResponse,
            summary="A scenario beside its base: what it added, changed, fixed and broke in an element's chain")
async def scenario_picture(
    name: ScenarioName,
    _: InternalReader,
    answers: Cached,
    models: Scenarios,
    bounds: Bounds,
    settings: SettingsDep,
    root: Annotated[str, Query(min_length=1, max_length=ID_MAX, description="the element whose chain is drawn")],
    metric: Annotated[Metric, Query(description="which weakest link to compare")] = Metric.SERVICE_LEVEL,
    view_state: Annotated[PageState, Depends()] = PAGE_STATE,
) -> Response:
    return await answers.html(lambda: render(scenario_picture_of(
        scenarios=models, bounds=bounds, node_limit=settings.viz_node_limit, name=name, root=root, metric=metric),
        links=links_for(root)))
