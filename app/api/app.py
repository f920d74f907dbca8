"""The FastAPI application factory and its lifespan (one driver per process)."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio
from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi_offline import FastAPIOffline

from app.access.scope import Scope
from app.analysis.past import PastModels, ScenarioModels
from app.analysis.repository import GraphSource
from app.api.answer_cache import AnswerCache
from app.api.cached_reads import CachedReads
from app.api.errors import install_error_handlers
from app.api.guards import BodyLimit, RateLimit, SecurityHeaders, known_query_parameters
from app.api.openapi import API_DESCRIPTION, document_access
from app.api.revision_reader import RevisionReader
from app.api.routes import ROUTERS
from app.config import Settings, get_settings
from app.db.database import Database
from app.db.migrations import load_migrations, migrate
from app.db.queries import registry
from app.errors import DatabaseUnavailable
from app.health.service import HealthWatch
from app.model.demo import load_demo_if_empty
from app.model.repository import model_revision
from app.revision_cache import RevisionCache

log = logging.getLogger("sigraph")
IMPORT_PATH = "/api/v1/model"


def prepare_database(db: Database, load_demo: bool) -> None:
    """Bring the schema up to date; an unreachable database is reported by /health, not fatal."""
    try:
        report = migrate(db)
        if report.applied:
            log.info("applied migrations %s", ", ".join(report.applied))
        if load_demo and (loaded := load_demo_if_empty(db)):
            log.info("loaded the demo model: %s elements, %s relations",
                     loaded.elements.created, loaded.relations.created)
    except DatabaseUnavailable as e:
        log.warning("database unreachable at start, migrations not applied: %s", e.message)


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    db = Database.from_settings(settings)
    app.state.db = db
    # the whole model, kept per revision for the graph-wide analyses; partners' scopes likewise
    app.state.graphs = GraphSource(db, max_elements=settings.whole_model_max_elements)
    app.state.past_models = PastModels()
    app.state.scenario_models = ScenarioModels()
    app.state.scopes = RevisionCache[Scope]()
    app.state.answers = AnswerCache(settings.answer_cache_mb * 1024 * 1024)
    watch = app.state.health = HealthWatch(db, interval_s=settings.health_interval_s,
                                           timeout_s=settings.health_timeout_s)
    app.state.revisions = RevisionReader(lambda: model_revision(db), silent_after_s=watch.silent_after_s,
                                         on_silence=db.breaker.trip)
    try:
        await anyio.to_thread.run_sync(prepare_database, db, settings.load_demo)
        await watch.probe()
        probing = asyncio.create_task(watch.run())
        try:
            yield
        finally:
            probing.cancel()
            await watch.settle()
    finally:
        db.close()


def _install_guards(app: FastAPI, settings: Settings) -> None:
    """Middleware, innermost first: body limits, kept answers, security headers, rate limit, CORS."""

    def body_limit(method: str, path: str) -> int:
        return settings.max_import_bytes if (method, path) == ("POST", IMPORT_PATH) else settings.max_body_bytes

    app.add_middleware(BodyLimit, limit_for=body_limit)
    app.add_middleware(CachedReads)
    app.add_middleware(SecurityHeaders)
    if settings.rate_limit:
        app.add_middleware(RateLimit, per_minute=settings.rate_limit)
    if settings.cors_origin_list:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origin_list,
                           allow_methods=["GET", "POST", "PUT", "DELETE"],
                           allow_headers=["Authorization", "Content-Type"], max_age=600)


def check_startable(settings: Settings) -> None:
    """Refuse to start with unsafe settings, or from a package built without its queries or migrations."""
    settings.check_safe_to_start()
    registry()  # both refuse to be empty
    load_migrations()


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the service; settings come from the environment unless given."""
    settings = settings or get_settings()
    check_startable(settings)
    # A worker thread busy with a large import hands the interpreter lock back every millisecond
    # (not every 5): the event loop, and /health with it, never waits long for its turn.
    sys.setswitchinterval(0.001)
    # FastAPIOffline serves the Swagger UI and ReDoc assets itself: /docs works without internet.
    app = FastAPIOffline(
        title="sigraph",
        summary="Service-integration graph: how the offering is made, and what depends on what.",
        description=API_DESCRIPTION,
        version="0.1.0",
        lifespan=_lifespan,
        # `PUT /elements/x%2F` must not land on `x`: no slash is ever added or taken away
        redirect_slashes=False,
        dependencies=[Depends(known_query_parameters)],
    )
    app.state.settings = settings
    install_error_handlers(app)
    for router in ROUTERS:
        app.include_router(router)
    document_access(app, settings)
    _install_guards(app, settings)
    if settings.auth_mode == "writes" and settings.env != "development":
        log.warning("SIGRAPH_AUTH=writes outside development: anyone who reaches the service reads the model")
    return app
