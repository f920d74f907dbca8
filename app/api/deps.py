"""What routes share: the process-wide objects made in the lifespan, and the path and query
parameters with their bounds (the largest come from the settings and are written into the OpenAPI
document by app/api/openapi.py)."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from fastapi import Depends, Path, Query, Request
from pydantic import BeforeValidator

from app.analysis.answers import ComplianceStatus
from app.analysis.past import PastSource, ScenarioReader, ScenarioSource
from app.analysis.repository import GraphSource
from app.analysis.service import Bounds as AnalysisBounds
from app.analysis.service import ComplianceQuestion
from app.analysis.supply_chain import GapFilter
from app.api.access import Reader, refuse_partners
from app.api.answer_cache import Answers, question, question_key, revision_of
from app.config import Settings
from app.db.database import Database
from app.errors import BadParameter, InvalidInput
from app.model.answers import NAME_PATTERN
from app.model.documents import ID_MAX, period_problem
from app.schema import RequirementCategory


async def get_db(request: Request) -> Database:
    return request.app.state.db  # type: ignore[no-any-return]


async def get_settings_dep(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


async def get_graphs(request: Request, caller: Reader, revision: Annotated[int | None, Query(
        ge=0, le=2**63 - 1, description="answer on the model as it stood at this revision (docs/history.md); "
                                        "not for partner keys")] = None,
        scenario: Annotated[str | None, Query(
            pattern=NAME_PATTERN, description="answer on this scenario's model (docs/scenarios.md); "
                                              "not for partner keys")] = None) -> GraphSource:
    live: GraphSource = request.app.state.graphs
    if revision is not None and scenario is not None:
        raise BadParameter("scenario: a scenario has its own base revision; ask with one of revision and scenario",
                           [{"field": "scenario", "reason": "given with revision"}])
    if revision is not None:
        refuse_partners(caller, "the model's history")
        return PastSource(live, request.app.state.past_models, revision)
    if scenario is not None:
        refuse_partners(caller, "a scenario")
        return ScenarioSource(live, request.app.state.scenario_models, scenario)
    return live


async def get_live_graphs(request: Request) -> GraphSource:
    """The live model's graphs, for a write that asks a question first (no revision, no scenario)."""
    return request.app.state.graphs  # type: ignore[no-any-return]


async def get_scenario_reader(request: Request) -> ScenarioReader:
    state = request.app.state
    return ScenarioReader(state.graphs, state.past_models, state.scenario_models)


async def get_bounds(settings: Annotated[Settings, Depends(get_settings_dep)]) -> AnalysisBounds:
    return AnalysisBounds.from_settings(settings)


Db = Annotated[Database, Depends(get_db)]
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
Graphs = Annotated[GraphSource, Depends(get_graphs)]
LiveGraphs = Annotated[GraphSource, Depends(get_live_graphs)]
Bounds = Annotated[AnalysisBounds, Depends(get_bounds)]
Scenarios = Annotated[ScenarioReader, Depends(get_scenario_reader)]
ScenarioName = Annotated[str, Path(pattern=NAME_PATTERN, description="the scenario's name")]

ElementId = Annotated[str, Path(min_length=1, max_length=ID_MAX, description="the element's id",
                                examples=["pkg-modern-workplace"])]
# Their bounds (1 to the setting) are checked by the service, which answers 400 naming the
# parameter; app/api/openapi.py writes them into the document.
MaxDepth = Annotated[int | None, Query(description="bound on hops: 1 to SIGRAPH_MAX_DEPTH_LIMIT (else 400)",
                                       examples=[10])]
Limit = Annotated[int | None, Query(description="result cap: 1 to SIGRAPH_RESULT_LIMIT (else 400)", examples=[100])]
MaxTier = Annotated[int | None, Query(description="the last tier answered: 1 to SIGRAPH_MAX_DEPTH_LIMIT (else 400)",
                                      examples=[3])]


def _iso_date(value: object) -> object:
    """A date as the schema says (YYYY-MM-DD), not a number read as a timestamp."""
    if isinstance(value, str) and not _DATE.match(value):
        raise ValueError("a date such as 2026-11-23")
    return value


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
AsOf = Annotated[date | None, Query(description="date of the compliance check (YYYY-MM-DD); default: today"),
                 BeforeValidator(_iso_date)]

HORIZON_PATTERN = r"^([0-9]{1,5})([dw]?)$"
MAX_HORIZON_DAYS = 3650


def horizon_days(text: str | None) -> int | None:
    """A horizon of the pattern (`90d`, `12w`, `90` days) in days; a 400 outside 1 day to 10 years."""
    match = re.match(HORIZON_PATTERN, text) if text is not None else None
    if match is None:
        return None
    days = int(match.group(1)) * (7 if match.group(2) == "w" else 1)
    if not 1 <= days <= MAX_HORIZON_DAYS:
        raise BadParameter(f"expiring_within: from 1 day to {MAX_HORIZON_DAYS} days, not {days}",
                           [{"field": "expiring_within", "reason": f"{days} days is outside 1..{MAX_HORIZON_DAYS}"}])
    return days


def checked_period(period: str | None) -> str | None:
    """A period asked in the address (PERIOD_PATTERN already matched): a 422 naming `period` when no
    calendar has it (year 0, 2026-02-30) or the range ends before it starts, as in a measurement."""
    problem = period_problem(period) if period is not None else None
    if problem is not None:
        raise InvalidInput(f"period: {problem}", [{"field": "period", "reason": problem}])
    return period


ExpiringWithin = Annotated[str | None, Query(
    pattern=HORIZON_PATTERN, examples=["90d"],
    description="also list attestations valid on `as_of` that lapse within this horizon, as `expiring`: "
                "`90d`, `12w` or a number of days (1 day to 3650 days, else 400)")]


async def get_compliance_question(
    as_of: AsOf = None,
    expiring_within: ExpiringWithin = None,
    status: Annotated[list[ComplianceStatus] | None, Query(
        description="only gaps of these statuses (repeat it)")] = None,
    category: Annotated[list[RequirementCategory] | None, Query(
        description="only gaps of requirements of these categories (repeat it)")] = None,
    tier: Annotated[int | None, Query(ge=1, le=2**31, description="only gaps at this tier")] = None,
    organization: Annotated[str | None, Query(min_length=1, max_length=ID_MAX,
                                              description="only the gaps of this organisation")] = None,
) -> ComplianceQuestion:
    return ComplianceQuestion(as_of, horizon_days(expiring_within), GapFilter(
        frozenset(status) if status else None, frozenset(category) if category else None, tier, organization))


Compliance = Annotated[ComplianceQuestion, Depends(get_compliance_question)]

# Parameters whose largest value is a setting, and that setting's name on Settings.
SETTING_BOUNDS = {"max_depth": "max_depth_limit", "max_tier": "max_depth_limit", "limit": "result_limit"}


async def get_answers(request: Request, caller: Reader) -> Answers:
    """This request's answer, kept by model revision (app/api/answer_cache.py). The revision comes
    with the caller's key, or from a read shared with the requests that arrived with this one."""
    revision = await revision_of(request, caller)
    body = await request.body() if request.method == "POST" else b""
    asked = question(request.method, request.scope["path"], request.scope["query_string"].decode("latin-1"))
    # A scenario changes without the model's revision moving: its answers are never kept.
    keep = "scenario" not in request.query_params and not request.scope["path"].startswith("/api/v1/scenarios")
    return Answers(request.app.state.answers, question_key(asked, body, caller.organization), asked, revision, keep)


Cached = Annotated[Answers, Depends(get_answers)]
