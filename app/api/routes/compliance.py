"""Compliance across the portfolio and the remediation of its gaps (docs/compliance.md)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from app.analysis import service
from app.analysis.answers import ComplianceGapsAnswer
from app.api.access import Editor, JsonBody, Reader
from app.api.deps import Bounds, Cached, Compliance, Db, Graphs, Limit, LiveGraphs
from app.errors import Conflict
from app.model.answers import RemediationRequest, RemediationView
from app.model.documents import ID_MAX
from app.model.remediations import set_remediation

router = APIRouter(prefix="/api/v1/compliance", tags=["compliance"])


@router.get("/gaps", response_model=ComplianceGapsAnswer,
            summary="Every live offering's supply-chain gaps, one per organisation and requirement")
async def compliance_gaps(caller: Reader, answers: Cached, graphs: Graphs, bounds: Bounds, asked: Compliance,
                          limit: Limit = None) -> Response:
    return await answers.json(lambda: service.compliance_gaps_of(
        source=graphs, bounds=bounds, asked=asked, limit=limit, scope=caller.scope))


@router.put("/remediations/{organization}/{requirement}", response_model=RemediationView,
            summary="Record what is being done about an organisation's gap against a requirement")
def put_remediation(
    organization: Annotated[str, Path(min_length=1, max_length=ID_MAX, description="the organisation's id")],
    requirement: Annotated[str, Path(min_length=1, max_length=ID_MAX, description="the requirement's id")],
    caller: Editor, db: Db, graphs: LiveGraphs, _: JsonBody, body: RemediationRequest,
) -> RemediationView:
    if service.may_be_required_of(source=graphs, organization=organization, requirement=requirement) is False:
        raise Conflict(f"no chain holds {requirement} in force for {organization} (neither it, nor an "
                       "organisation it supplies, nor an offering resting on what it delivers requires it): "
                       "there is no gap to remediate")
    return set_remediation(db=db, organization=organization, requirement=requirement, body=body, actor=caller.actor)
