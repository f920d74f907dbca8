"""The `sigraph` command line: local Neo4j, migrations, the service, and model files."""

from __future__ import annotations

import getpass
import json
import logging
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer

from app.config import Settings, get_settings
from app.db.database import Database
from app.db.migrations import migrate as apply_migrations
from app.errors import MigrationError, SigraphError
from app.local_server import LocalServer, LocalServerError, dev_server

cli = typer.Typer(help="sigraph: the service-integration graph.", no_args_is_help=True,
                  pretty_exceptions_enable=False)
neo4j_cli = typer.Typer(help="The local Neo4j server (used when NEO4J_URI is unset).", no_args_is_help=True)
cli.add_typer(neo4j_cli, name="neo4j")
keys_cli = typer.Typer(help="API keys: create, list, revoke (docs/security.md).", no_args_is_help=True)
cli.add_typer(keys_cli, name="keys")


def _fail(message: str) -> typer.Exit:
    typer.secho(message, fg=typer.colors.RED, err=True)
    return typer.Exit(code=1)


def _guarded_settings() -> Settings:
    """Settings for a command that touches data: the same production guard as `serve`, as one line."""
    settings = get_settings()
    try:
        settings.check_safe_to_start()
    except RuntimeError as e:
        raise _fail(f"refused: {e}") from None
    return settings


def _actor() -> str:
    """Who the audit trail names for a write from the command line."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli:unknown"


def ensure_database(settings: Settings) -> None:
    """Start the local server when no NEO4J_URI is given; say how long it took."""
    if not settings.uses_local_server:
        return
    server = dev_server(settings)
    started_at = time.monotonic()
    try:
        started = server.start()
    except LocalServerError as e:
        raise _fail(str(e)) from e
    if started:
        typer.echo(f"Neo4j {server.version} started at {server.uri} in {time.monotonic() - started_at:.1f}s")


@neo4j_cli.command("start")
def neo4j_start() -> None:
    """Fetch the jars if needed, start the server, wait until it answers."""
    settings = get_settings()
    ensure_database(settings)
    typer.echo(json.dumps(dev_server(settings).status()))


@neo4j_cli.command("stop")
def neo4j_stop() -> None:
    """Stop the local server."""
    stopped = dev_server(get_settings()).stop()
    typer.echo("stopped" if stopped else "not running")


@neo4j_cli.command("wait")
def neo4j_wait(timeout: float = typer.Option(120.0, help="Seconds to wait.")) -> None:
    """Wait until the local server accepts an authenticated Bolt session."""
    try:
        dev_server(get_settings()).wait_ready(timeout)
    except LocalServerError as e:
        raise _fail(str(e)) from e
    typer.echo("ready")


@neo4j_cli.command("status")
def neo4j_status() -> None:
    """Whether the local server runs, its port, version and folder."""
    status = dev_server(get_settings()).status()
    typer.echo(json.dumps(status))
    if not status["running"]:
        raise typer.Exit(code=3)


@cli.command()
def migrate() -> None:
    """Apply pending schema migrations (each once, checksums verified)."""
    settings = _guarded_settings()
    ensure_database(settings)
    db = Database.from_settings(settings)
    try:
        report = apply_migrations(db)
    except (MigrationError, SigraphError) as e:
        raise _fail(str(e)) from e
    finally:
        db.close()
    typer.echo(f"applied: {', '.join(report.applied) or 'none'}; current version: {report.current}")


def _database(settings: Settings) -> Database:
    ensure_database(settings)
    db = Database.from_settings(settings)
    try:
        apply_migrations(db)
    except (MigrationError, SigraphError) as e:
        db.close()
        raise _fail(str(e)) from None
    return db


@cli.command()
def load(
    file: Path = typer.Argument(..., exists=True, help="A model: sigraph's own (.json, .yaml, .yml), The Open Group "
                                                         "exchange format (.xml), Archi's file (.archimate), or "
                                                         "Archi's CSV (a folder or a .zip)."),
    replace: bool = typer.Option(False, "--replace", help="Make the model exactly the document."),
    bulk: bool = typer.Option(False, "--bulk", help="A first load into the empty local database with Neo4j's "
                                                    "offline importer (the server is stopped meanwhile); "
                                                    "sigraph's own document only."),
) -> None:
    """Import a model (atomic: all of it or nothing), with a progress bar; the format is the file's."""
    if bulk:
        _bulk_load(file, replace)
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from app.formats.service import file_format, import_foreign, read_foreign_path
    from app.model.answers import ImportMode
    from app.model.codec import read_document_file
    from app.model.service import WriteBy, import_model, import_size

    settings = _guarded_settings()
    mode = ImportMode.REPLACE if replace else ImportMode.MERGE
    fmt = file_format(file)
    by = WriteBy(_actor(), "model.import", mode.value if fmt is None else f"{mode.value} {fmt.value}")
    db = _database(settings)
    try:
        if fmt is None:
            document = read_document_file(file, max_items=settings.max_items)
            total = import_size(document)
        else:
            model = read_foreign_path(file, fmt, settings.max_import_bytes)
            total = len(model.elements) + len(model.relationships)
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, transient=True) as bar:
            task = bar.add_task(f"importing {file.name}", total=total)
            started = time.monotonic()

            def written(done: int) -> None:
                bar.update(task, completed=done)

            report = (import_model(db=db, document=document, mode=mode, by=by, progress=written)
                      if fmt is None else
                      import_foreign(db=db, model=model, mode=mode, by=by, lang=settings.lang, progress=written))
        elapsed = time.monotonic() - started
    except SigraphError as e:
        details = "\n".join(f"  {d}" for d in e.details[:20])
        raise _fail(f"{e.message}\n{details}") from e
    finally:
        db.close()
    typer.echo(report.model_dump_json())
    skipped = f", {len(report.skipped)} skipped for want of a mapping (listed in the report)" if report.skipped else ""
    typer.echo(f"{total} items in {elapsed:.1f}s{skipped}", err=True)


def _bulk_load(file: Path, replace: bool) -> None:
    from app.formats.service import file_format
    from app.model.bulk import bulk_load
    from app.model.codec import read_document_file
    from app.model.service import WriteBy

    if replace:
        raise _fail("--bulk loads into an empty database only: --replace has nothing to replace")
    if file_format(file) is not None:
        raise _fail("--bulk reads sigraph's own document (.json, .yaml, .yml); load other formats without --bulk")
    settings = _guarded_settings()
    if not settings.uses_local_server:
        raise _fail("--bulk runs Neo4j's offline importer on the local server's files; NEO4J_URI names another "
                    "server: load without --bulk")
    ensure_database(settings)
    started = time.monotonic()
    try:
        document = read_document_file(file, max_items=settings.max_items)
        report = bulk_load(server=dev_server(settings), database=settings.neo4j_database,
                           connect=lambda: Database.from_settings(settings), document=document,
                           by=WriteBy(_actor(), "model.import", "bulk"))
    except SigraphError as e:
        details = "\n".join(f"  {d}" for d in e.details[:20])
        raise _fail(f"{e.message}\n{details}") from e
    except LocalServerError as e:
        raise _fail(str(e)) from e
    typer.echo(report.model_dump_json())
    items = report.elements.created + report.relations.created
    typer.echo(f"{items} items in {time.monotonic() - started:.1f}s (reading the file included)", err=True)


@cli.command()
def export(
    output: Path | None = typer.Option(None, "-o", "--output", help="Write here instead of standard output "
                                                                    "(a folder for archi-csv)."),
    format: str | None = typer.Option(None, "--format", help="archimate, archi-csv or graphml; "
                                                             "default: sigraph's own JSON document."),
) -> None:
    """Export the whole model as a document that imports back to the same graph (streamed), or in another
    tool's format."""
    from app.formats.service import ExportFormat, export_as, write_export
    from app.model.codec import export_json_chunks
    from app.model.service import export_model

    try:
        fmt = ExportFormat(format) if format is not None else None
    except ValueError:
        raise _fail(f"--format: one of {', '.join(f.value for f in ExportFormat)}") from None
    if fmt == ExportFormat.ARCHI_CSV and output is None:
        raise _fail("--format archi-csv writes three files: name a folder with -o")
    settings = _guarded_settings()
    db = _database(settings)
    try:
        items = export_model(db=db)
        if fmt is not None and output is not None:
            write_export(output, fmt, items, settings.lang)
            return
        chunks = [export_as(fmt, items, settings.lang)] if fmt is not None else export_json_chunks(items)
        if output is None:
            for chunk in chunks:
                sys.stdout.buffer.write(chunk)
        else:
            with output.open("wb") as out:
                for chunk in chunks:
                    out.write(chunk)
    finally:
        db.close()


@cli.command()
def bench(
    elements: int = typer.Option(100_000, help="Size of the generated model."),
    naive_timeout: float = typer.Option(60.0, help="Seconds before a naive query is stopped."),
    keys: bool = typer.Option(False, "--keys", help="Only the cost of checking a key per request (demo model)."),
    reliability: bool = typer.Option(False, "--reliability", help="Only how the service holds up: a large import, "
                                                                  "then its database killed and started again."),
    load: bool = typer.Option(False, "--load", help="Only throughput: the service's read mix on the demo model "
                                                    "against a bare FastAPI endpoint, 50 connections (needs wrk)."),
    seconds: int = typer.Option(60, help="--load: how long each side is driven."),
    pictures: str = typer.Option("", help="Only how long the largest dependencies picture takes, built and drawn "
                                          "to PNG (headless Chromium), at these model sizes (e.g. 300,3000)."),
    sizes: str = typer.Option("", help="Only how it scales: comma-separated model sizes (e.g. 1000,10000,100000); "
                                       "imports against the raw-driver baseline, export, the questions over HTTP, "
                                       "memory; writes the table and docs/bench-sizes.png (needs matplotlib: "
                                       "pip install sigraph[bench])."),
) -> None:
    """Benchmarks on a generated model, in their own local database (port SIGRAPH_BENCH_NEO4J_BOLT_PORT)."""
    from app.bench.run import Latency, bench_analysis, bench_import

    settings = get_settings()
    server = None
    if settings.uses_local_server:
        server = LocalServer(home=settings.neo4j_home, name="bench", bolt_port=settings.bench_neo4j_bolt_port,
                             password=settings.neo4j_password.get_secret_value(), heap="4g", pagecache="2g")
        server.start()
        settings = settings.model_copy(update={"neo4j_uri": server.uri})
    db = Database.from_settings(settings.model_copy(update={"query_timeout_s": 3600.0}))
    try:
        apply_migrations(db)
        if keys:
            _bench_keys(db, settings)
            return
        if load:
            _bench_load(db, settings, seconds)
            return
        if sizes:
            _bench_sizes(db, settings, server, sizes)
            return
        if pictures:
            from app.bench.pictures import bench_pictures

            typer.echo("| answer's elements | picture of | elements drawn | relationships | neighbours | built s "
                       "| drawn to PNG s | drawn to SVG s |")
            typer.echo("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
            for p in bench_pictures(db, settings, [int(s) for s in pictures.split(",")]):
                typer.echo(f"| {p.elements:,} | {p.root} | {p.drawn:,} | {p.relationships:,} | {p.neighbours:,} | "
                           f"{p.build_s} | {p.draw_s} | {p.svg_s} |")
            return
        if reliability:
            from app.bench.reliability import bench_reliability

            typer.echo("| measurement | figure |\n| --- | --- |")
            for figure in bench_reliability(db, settings, server):
                typer.echo(f"| {figure.what} | {figure.value} |")
            return
        typer.echo("| measurement | seconds | items/s |\n| --- | ---: | ---: |")
        for t in bench_import(db, elements):
            typer.echo(f"| {t.what} | {t.seconds:.2f} | {t.rate:,.0f} |")
        typer.echo("\n| question | sigraph median ms | naive Cypher median ms |")
        typer.echo("| --- | ---: | ---: |")
        for lat in bench_analysis(db, naive_timeout_s=naive_timeout):
            finished = [v for v in lat.naive_ms if v is not None]
            stopped = len(lat.naive_ms) - len(finished)
            naive = f"{Latency.median(finished):,.0f}" if finished else "-"
            if stopped:
                naive += f" ({stopped} of {len(lat.naive_ms)} stopped: {naive_timeout:g} s timeout or out of memory)"
            typer.echo(f"| {lat.what} | {Latency.median(lat.ours_ms):,.0f} | {naive} |")
        _bench_big_over_http(db, settings)
    finally:
        db.close()


def _bench_big_over_http(db: Database, settings: Settings) -> None:
    from app.access.roles import Role
    from app.bench.graph_wide import bench_big_over_http
    from app.bench.setup import bench_key

    found, memory = bench_big_over_http(db, settings, bench_key(db, Role.EDITOR))
    typer.echo("\n| question over HTTP, one worker | first s | kept ms | first after a write s |")
    typer.echo("| --- | ---: | ---: | ---: |")
    for a in found:
        typer.echo(f"| {a.question} | {a.first_s:.2f} | {a.kept_ms:.1f} | {a.after_write_s:.2f} |")
    typer.echo(f"\nthe service's memory holding the model: {memory:,.0f} MB")


def _bench_sizes(db: Database, settings: Settings, server: LocalServer | None, sizes: str) -> None:

    from app.access.roles import Role
    from app.bench.setup import bench_key
    from app.bench.sizes import as_json, from_json, merged, plot, run_size, table

    try:
        totals = [int(s) for s in sizes.split(",") if s.strip()]
    except ValueError:
        raise _fail(f"--sizes: comma-separated numbers of elements, not {sizes!r}") from None
    if not totals or min(totals) < 1_000:
        raise _fail("--sizes: at least one size, each at least 1000 elements")
    runs = []
    for total in totals:
        runs.append(run_size(db, settings, server, lambda: bench_key(db, Role.EDITOR), total))
        typer.echo(f"{total:,} elements measured", err=True)
    # The sizes measured now replace theirs in docs/bench-sizes.json; the others stay, with their dates.
    docs = Path("docs")
    docs.mkdir(exist_ok=True)
    written = docs / "bench-sizes.json"
    runs = merged(from_json(json.loads(written.read_text())) if written.exists() else [], runs)
    typer.echo(table(runs))
    written.write_text(json.dumps({"runs": as_json(runs)}, indent=1) + "\n")
    days = sorted({r.measured for r in runs})
    plot(runs, docs / "bench-sizes.png", f"sigraph over HTTP by model size ({'; '.join(days)})")
    typer.echo(f"\nwritten: {written}, {docs / 'bench-sizes.png'}")


def _bench_load(db: Database, settings: Settings, seconds: int) -> None:
    from app.access.roles import Role
    from app.bench.load import bench_load
    from app.bench.setup import bench_key, load_demo

    load_demo(db)
    editor = bench_key(db, Role.EDITOR)
    try:
        (service, bare), alone = bench_load(settings, editor, seconds=seconds)
    except RuntimeError as e:
        raise _fail(str(e)) from None
    typer.echo("| what | requests/s | p50 ms | p99 ms | errors |\n| --- | ---: | ---: | ---: | ---: |")
    for r in (service, bare):
        typer.echo(f"| {r.what} | {r.requests_per_s:,.0f} | {r.p50_ms:.1f} | {r.p99_ms:.1f} | "
                   f"{r.errors} of {r.requests:,} |")
    typer.echo(f"\nsigraph / bare: {service.requests_per_s / bare.requests_per_s:.2f}x")
    typer.echo("\n| question, one client | p50 ms, model unchanged | median ms, first ask after a write |")
    typer.echo("| --- | ---: | ---: |")
    for a in alone:
        typer.echo(f"| {a.question} | {a.kept_p50_ms:.1f} | {a.after_write_ms:.1f} |")


def _bench_keys(db: Database, settings: Settings) -> None:
    from app.bench.auth import bench_keys

    found = bench_keys(db, settings)
    typer.echo("| read | caller | median ms | p95 ms | median added by the key |\n| --- | --- | ---: | ---: | ---: |")
    for lat in found:
        open_read = next(o for o in found if o.address == lat.address)
        added = "" if lat is open_read else f"{lat.median - open_read.median:+.1f}"
        typer.echo(f"| `{lat.address}` | {lat.what} | {lat.median:.1f} | {lat.p95:.1f} | {added} |")


@cli.command()
def serve(
    host: str | None = typer.Option(None, help="Address to listen on (default SIGRAPH_HOST)."),
    port: int | None = typer.Option(None, help="Port (default SIGRAPH_PORT)."),
) -> None:
    """Run the HTTP service (starting the local Neo4j when NEO4J_URI is unset)."""
    import uvicorn

    from app.api.app import check_startable, prepare_database

    settings = _guarded_settings()
    if host:
        os.environ["SIGRAPH_HOST"] = settings.host = host
    if port:
        settings.port = port
        os.environ["SIGRAPH_PORT"] = str(port)
    ensure_database(settings)
    logging.basicConfig(level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s %(message)s")
    base = f"http://{settings.host}:{settings.port}"
    try:
        check_startable(settings)  # refused here, once, rather than in every worker
    except RuntimeError as e:  # a package without its queries or migrations, say
        raise _fail(f"cannot start: {e}") from None
    # Migrations and the demo model once, before the workers start (each then finds nothing to do).
    db = Database.from_settings(settings)
    try:
        prepare_database(db, settings.load_demo)
    finally:
        db.close()
    workers = settings.worker_count
    typer.echo(f"sigraph on {base} ({workers} workers): pictures {base}/  API docs {base}/docs  health {base}/health")
    uvicorn.run("app.api.app:create_app", factory=True, host=settings.host, port=settings.port, workers=workers,
                log_level=settings.log_level, access_log=settings.access_log, loop="uvloop", http="httptools")


@contextmanager
def _connected() -> Iterator[Database]:
    """The database for a command that touches data: guarded, migrated, closed after; its
    errors as one line."""
    db = _database(_guarded_settings())
    try:
        yield db
    except SigraphError as e:
        raise _fail(e.message) from None
    finally:
        db.close()


@keys_cli.command("create")
def keys_create(
    name: str = typer.Option(..., help="Unique for ever: lower-case letters, digits and _ . @ -, at most 64."),
    role: str = typer.Option(..., help="reader, editor or admin."),
    organization: str | None = typer.Option(None, help="An Organization's id: a partner key (a reader) that "
                                                          "sees that organisation's part of the graph only."),
) -> None:
    """Create a key; its token is printed once, alone on the last line."""
    from pydantic import ValidationError

    from app.access.keys import KeyRequest, create_key

    try:
        request = KeyRequest.model_validate({"name": name, "role": role, "organization": organization})
    except ValidationError as e:
        raise _fail("; ".join(f"--{err['loc'][0]}: {err['msg']}" for err in e.errors())) from None
    with _connected() as db:
        created = create_key(db=db, request=request, actor=_actor())
    scope = f", partner of {created.organization}" if created.organization else ""
    typer.echo(f"created key {created.name!r} ({created.role}{scope}); its token, shown only now:")
    typer.echo(created.token)


@keys_cli.command("list")
def keys_list() -> None:
    """Every key, revoked ones too: name, role, organisation, created, last used, revoked (never a token)."""
    from app.access.keys import list_keys

    with _connected() as db:
        found = list_keys(db=db).keys
    for k in found:
        typer.echo(json.dumps(k.model_dump(mode="json")))


@keys_cli.command("revoke")
def keys_revoke(name: str = typer.Argument(..., help="The key's name.")) -> None:
    """Revoke a key: every instance refuses it from the next request on."""
    from app.access.keys import revoke_key

    with _connected() as db:
        revoked = revoke_key(db=db, name=name, actor=_actor())
    typer.echo(f"revoked key {revoked.name!r} at {revoked.revoked_at}")


@cli.command("viz")
def viz_picture(
    element_id: str = typer.Argument(..., help="The element to picture."),
    output: Path = typer.Option(..., "-o", "--output", dir_okay=False, help="The file to write."),
    view: str = typer.Option("dependencies", help="dependencies, impact, supply-chain, or report (one page to "
                                                  "print)."),
    fmt: str = typer.Option("html", "--format", help="html (interactive, offline), png, svg or pdf (headless "
                                                     "Chromium)."),
    layout: str = typer.Option("depth", help="dependencies, impact: depth, pillar or free."),
    failed: list[str] | None = typer.Option(None, help="impact: a failed id (repeat, or comma-separated)."),
    metric: str = typer.Option("service_level", help="Which weakest link to mark."),
    max_depth: int | None = typer.Option(None, help="dependencies, impact: bound on hops."),
    max_tier: int | None = typer.Option(None, help="supply chain: the last tier."),
    as_of: str | None = typer.Option(None, help="supply chain: date of the compliance check (YYYY-MM-DD)."),
) -> None:
    """Write the picture of one analysis as a standalone HTML file (works offline), or as PNG, SVG or
    PDF; `--view report` writes the one-page report of an offering."""
    from pydantic import ValidationError

    from app.analysis.repository import GraphSource
    from viz.standalone import write_picture

    settings = _guarded_settings()
    db = _database(settings)
    try:
        shown = write_picture(source=GraphSource(db), settings=settings, output=output, element_id=element_id,
                              view=view, failed=failed, metric=metric, max_depth=max_depth, max_tier=max_tier,
                              as_of=as_of, layout=layout, fmt=fmt)
    except (SigraphError, ValidationError) as e:
        raise _fail(getattr(e, "message", str(e))) from e
    finally:
        db.close()
    typer.echo(f"wrote {output}: {shown}")


def main() -> None:
    cli()
