"""Scenarios (docs/scenarios.md): named change sets on a base revision, answered on with
`?scenario=NAME` on every analysis and picture, never written to the live model. Editors make and
change them; readers read them; partner keys see none (403)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from app.analysis.answers import ScenarioComparison
from app.analysis.compare import compare
from app.api.access import Editor, InternalReader, JsonBody, refuse_partners
from app.api.deps import Bounds, Cached, Db, Scenarios
from app.api.deps import ScenarioName as Name
from app.model import scenarios
from app.model.answers import ImportReport, ScenarioBody, ScenarioRequest, ScenarioView
from app.model.documents import ID_MAX
from app.schema import Metric

router = APIRouter(prefix="/api/v1", tags=["scenarios"])


@router.post("/scenarios", response_model=ScenarioView, status_code=201,
             summary="Make a scenario: a change set on a base revision, checked as an import against it")
def create_scenario(caller: Editor, db: Db, _: JsonBody, request: ScenarioRequest) -> ScenarioView:
    refuse_partners(caller, "a scenario")
    body = ScenarioBody(base=request.base, description=request.description, changes=request.changes)
    return scenarios.save(db=db, name=request.name, body=body, actor=caller.actor, create=True)


@router.get("/scenarios", response_model=list[ScenarioView], summary="Every scenario, by name")
def list_scenarios(_: InternalReader, db: Db) -> list[ScenarioView]:
    return scenarios.list_all(db=db)


@router.get("/scenarios/{name}", response_model=ScenarioView,
            summary="A scenario: its change set, its base, and whether the live model has moved past it")
def get_scenario(name: Name, _: InternalReader, db: Db) -> ScenarioView:
    return scenarios.get(db=db, name=name)


@router.put("/scenarios/{name}", response_model=ScenarioView, summary="Replace a scenario's change set or base")
def put_scenario(name: Name, caller: Editor, db: Db, _: JsonBody, body: ScenarioBody) -> ScenarioView:
    refuse_partners(caller, "a scenario")
    return scenarios.save(db=db, name=name, body=body, actor=caller.actor, create=False)


@router.delete("/scenarios/{name}", status_code=204, summary="Delete a scenario (the live model is untouched)")
def delete_scenario(name: Name, caller: Editor, db: Db) -> Response:
    refuse_partners(caller, "a scenario")
    scenarios.delete(db=db, name=name)
    return Response(status_code=204)


@router.post("/scenarios/{name}/rebase", response_model=ScenarioView,
             summary="Move the scenario onto the live revision; 409 naming each conflict")
def rebase_scenario(name: Name, caller: Editor, db: Db) -> ScenarioView:
    refuse_partners(caller, "a scenario")
    return scenarios.rebase(db=db, name=name, actor=caller.actor)


@router.post("/scenarios/{name}/apply", response_model=ImportReport,
             summary="Write the scenario to the live model, atomically; 409 when the live model moved past its base")
def apply_scenario(name: Name, caller: Editor, db: Db) -> ImportReport:
    refuse_partners(caller, "a scenario")
    return scenarios.apply(db=db, name=name, actor=caller.actor)


@router.get("/scenarios/{name}/compare", response_model=ScenarioComparison,
            summary="Before and after: single points of failure, weakest link and agreements, supply chain, impact")
async def compare_scenario(name: Name, _: InternalReader, answers: Cached, models: Scenarios, bounds: Bounds,
                           root: Annotated[str, Query(min_length=1, max_length=ID_MAX,
                                                      description="the element to compare on")],
                           failed: Annotated[list[str] | None, Query(
                               description="impact: the failed ids, repeated or comma-separated")] = None,
                           metric: Metric = Metric.SERVICE_LEVEL) -> Response:
    ids = [i for item in failed or [] for i in item.split(",") if i]
    return await answers.json(lambda: compare(live=models.live, pair=models.pair(name), bounds=bounds, root=root,
                                              failed=ids or None, metric=metric))
