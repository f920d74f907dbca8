"""The pictures of spec/api.md: an interactive HTML page per analysis, and a start page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse

from app.analysis.service import Bounds
from app.api.access import Reader
from app.api.deps import get_db, get_settings_dep
from app.api.params import AsOf, ElementId, MaxDepth, MaxTier
from app.api.routes.analysis import get_bounds
from app.config import Settings
from app.db.database import Database
from app.schema import Metric
from viz.landing import landing_of, render_landing
from viz.page import links_for, render
from viz.picture import PictureRequest, View
from viz.service import picture_of

router = APIRouter(tags=["pictures"])

Db = Annotated[Database, Depends(get_db)]


@router.get("/", response_class=HTMLResponse, summary="Start page: elements and their pictures")
@router.get("/viz", response_class=HTMLResponse, summary="Start page: elements and their pictures")
def landing(caller: Reader, db: Db) -> HTMLResponse:
    return HTMLResponse(render_landing(landing_of(db=db, scope=caller.scope)))


@router.get("/viz/elements/{element_id}", response_class=HTMLResponse,
            summary="An interactive picture of one analysis of an element")
def picture(
    element_id: ElementId,
    caller: Reader,
    db: Db,
    bounds: Annotated[Bounds, Depends(get_bounds)],
    settings: Annotated[Settings, Depends(get_settings_dep)],
    view: View = View.DEPENDENCIES,
    failed: Annotated[list[str] | None, Query(description="impact: the failed ids, repeated or comma-separated; "
                                                          "default the element itself")] = None,
    metric: Annotated[Metric, Query(description="which weakest link to mark")] = Metric.SERVICE_LEVEL,
    max_depth: MaxDepth = None,
    max_tier: MaxTier = None,
    as_of: AsOf = None,
) -> HTMLResponse:
    request = PictureRequest(element_id=element_id, view=view, failed=failed, metric=metric, max_depth=max_depth,
                             max_tier=max_tier, as_of=as_of)
    shown = picture_of(db=db, bounds=bounds, node_limit=settings.viz_node_limit, request=request,
                       scope=caller.scope)
    return HTMLResponse(render(shown, links=links_for(element_id)))
