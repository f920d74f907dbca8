"""Information flows (docs/agreements.md): information objects without a master, and what
information reaches an organisation, through which integrations, mastered by whom."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from app.analysis import service
from app.analysis.answers import InformationAnswer, InformationIssue, OrganizationInformationAnswer
from app.api.access import Reader
from app.api.deps import Bounds, Cached, ElementId, Graphs, Limit

router = APIRouter(prefix="/api/v1", tags=["information"])


@router.get("/analysis/information", response_model=InformationAnswer,
            summary="Information objects with their masters, carriers and users; `issue=no_master` for the unmastered")
async def information_objects(caller: Reader, answers: Cached, graphs: Graphs, bounds: Bounds,
                              issue: Annotated[InformationIssue | None, Query(
                                  description="only the objects with this issue")] = None,
                              limit: Limit = None) -> Response:
    return await answers.json(lambda: service.information_objects_of(
        source=graphs, bounds=bounds, issue=issue, limit=limit, scope=caller.scope))


@router.get("/organizations/{element_id}/information", response_model=OrganizationInformationAnswer,
            summary="What information reaches an organisation's systems and processes, and who masters it")
async def organization_information(element_id: ElementId, caller: Reader, answers: Cached, graphs: Graphs,
                                   bounds: Bounds, limit: Limit = None) -> Response:
    return await answers.json(lambda: service.organization_information_of(
        source=graphs, bounds=bounds, element_id=element_id, limit=limit, scope=caller.scope))
