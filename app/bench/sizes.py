"""How sigraph scales: for each model size, the import against the raw-driver baseline, the export,
and the main questions over HTTP (first ask, p50 and p95 on the unchanged model and right after a
single-element write), with the service's memory. `sigraph bench --sizes` writes the table and a
plot of it (docs/bench-sizes.png)."""

from __future__ import annotations

import os
import statistics
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, get_args

import httpx

from app.bench.baseline import Statements, raw_unwind_import, rows_of
from app.bench.generate import generate_model
from app.bench.graph_wide import QUESTIONS, Asked, ask_questions, rss_mb
from app.bench.processes import pid_of, service_process
from app.bench.run import timed
from app.bench.setup import BENCH
from app.bench.stats import percentile
from app.config import Settings
from app.db.database import Database
from app.db.migrations import migrate
from app.local_server import LocalServer
from app.model.answers import ImportMode
from app.model.bulk import bulk_load
from app.model.service import export_model, import_model

KEPT_ASKS = 20
# The service's address space: on the 24 GB bench machine, beside Neo4j's 6 GB, a model too large
# for the service's memory must not exhaust the machine. (At 1,000,000 elements the service then
# stopped answering instead of failing the question: docs/measurements.md.)
SERVICE_MEMORY_MB = 14_000
WRITES = 5


# From this size on, the model enters by the bulk load, the path for a first load of that size;
# sigraph's import and the raw baselines (each one transaction) are not run: at 100,000 elements
# they take 10 to 17 s each, and the three at 1,000,000 were not tried (docs/measurements.md).
BULK_FROM = 500_000


@dataclass
class SizeRun:
    elements: int
    relations: int
    import_s: float | None
    merge_baseline_s: float | None
    create_baseline_s: float | None
    bulk_s: float | None  # `sigraph load --bulk` into an empty database, the document checked included
    export_s: float
    memory_mb: float
    questions: list[Asked]
    measured: str = ""  # the day and the machine's cores
    import_no_history_s: float | None = None  # the same import with SIGRAPH_HISTORY_KEEP=0

    def versus(self, baseline_s: float | None) -> str:
        """How fast sigraph's import is against a baseline: 1.00x is as fast."""
        return "-" if baseline_s is None or self.import_s is None else f"{baseline_s / self.import_s:.2f}x"


def _seconds(work: Callable[[], object]) -> float:
    return timed("", 0, work).seconds


@contextmanager
def _history_off() -> Iterator[None]:
    """Writes in this process keep no history meanwhile (the setting is read at each write)."""
    kept = os.environ.get("SIGRAPH_HISTORY_KEEP")
    os.environ["SIGRAPH_HISTORY_KEEP"] = "0"
    try:
        yield
    finally:
        if kept is None:
            os.environ.pop("SIGRAPH_HISTORY_KEEP")
        else:
            os.environ["SIGRAPH_HISTORY_KEEP"] = kept


def _empty(db: Database, settings: Settings, server: LocalServer | None, *, migrated: bool = True) -> None:
    """An empty bench database. The local one's store is dropped (keys, history and all): a model
    left by a larger size is past what one replace transaction can hold. Another server's model
    is replaced by nothing."""
    if server is None:
        import_model(db=db, document={"elements": []}, mode=ImportMode.REPLACE, by=BENCH)
        return
    server.stop()
    server.drop_store(settings.neo4j_database)
    server.start()
    db.renew_driver()  # the server restarted under it: every pooled connection is dead
    if migrated:
        migrate(db)


def _bulk(db: Database, settings: Settings, server: LocalServer, document: dict[str, Any]) -> float:
    """The bench database dropped, then the document bulk-loaded into it."""
    _empty(db, settings, server, migrated=False)
    seconds = _seconds(lambda: bulk_load(server=server, database=settings.neo4j_database,
                                         connect=lambda: Database.from_settings(settings), document=document,
                                         by=BENCH))
    db.renew_driver()
    return seconds


def run_size(db: Database, settings: Settings, server: LocalServer | None, editor_key: Callable[[], str],
             total: int) -> SizeRun:
    """One size: baseline and import side by side into an empty model (or the bulk load, from
    BULK_FROM), the export, the questions."""
    document = generate_model(total)
    baselines: dict[Statements, float | None] = {"merge": None, "create": None}
    import_s = bulk_s = no_history_s = None
    if total < BULK_FROM or server is None:
        elements, relations = rows_of(document)  # the baselines' rows: minutes of work at 1,000,000
        for statements in get_args(Statements):
            _empty(db, settings, server)
            baselines[statements] = _seconds(partial(raw_unwind_import, db, elements, relations, statements))
        _empty(db, settings, server)
        import_s = _seconds(lambda: import_model(db=db, document=document, mode=ImportMode.REPLACE, by=BENCH))
        _empty(db, settings, server)
        with _history_off():
            no_history_s = _seconds(lambda: import_model(db=db, document=document, mode=ImportMode.REPLACE, by=BENCH))
    else:
        bulk_s = _bulk(db, settings, server, document)
    token = editor_key()
    export_s = _seconds(lambda: sum(1 for _ in export_model(db=db)))
    package = db.read_rows("bench/pick_packages", limit=1)[0]["id"]
    system = next(e["id"] for e in document["elements"] if e["type"] == "System")
    with service_process(settings, SERVICE_MEMORY_MB, SIGRAPH_WORKERS="1", SIGRAPH_QUERY_TIMEOUT_S="3600") as url, \
            httpx.Client(base_url=url, timeout=3600) as client:
        asked = ask_questions(client, token, package=package, system=system, kept_asks=KEPT_ASKS, writes=WRITES)
        memory = rss_mb(pid_of(url))
    return SizeRun(len(document["elements"]), len(document["relations"]), import_s, baselines["merge"],
                   baselines["create"], bulk_s, export_s, memory, asked,
                   f"{date.today().isoformat()}, {len(os.sched_getaffinity(0))} cores", no_history_s)


def table(runs: list[SizeRun]) -> str:
    """The runs as markdown: one table of imports and exports, one of the questions."""
    lines = ["| elements | relations | import s | raw MERGE baseline s | vs it | raw CREATE baseline s | vs it | "
             "import without history s | bulk load s | export s | service memory MB | measured |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    lines += [f"| {r.elements:,} | {r.relations:,} | {_s(r.import_s)} | {_s(r.merge_baseline_s)} | "
              f"{r.versus(r.merge_baseline_s)} | {_s(r.create_baseline_s)} | {r.versus(r.create_baseline_s)} | "
              f"{_s(r.import_no_history_s)} | {_s(r.bulk_s)} | {r.export_s:.2f} | {r.memory_mb:,.0f} | {r.measured} |"
              for r in runs]
    lines += ["", "| elements | question | first ms | unchanged p50 ms | unchanged p95 ms | after a write p50 ms | "
              "after a write p95 ms |", "| ---: | --- | ---: | ---: | ---: | ---: | ---: |"]
    for r in runs:
        for q in r.questions:
            if q.failed:
                lines.append(f"| {r.elements:,} | {q.question} | failed: {q.failed} | | | | |")
                continue
            lines.append(f"| {r.elements:,} | {q.question} | {q.first_ms:,.0f} | {statistics.median(q.kept_ms):.1f} | "
                         f"{percentile(q.kept_ms, 0.95):.1f} | {statistics.median(q.after_write_ms):.0f} | "
                         f"{percentile(q.after_write_ms, 0.95):.0f} |")
    return "\n".join(lines)


def _s(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds:.2f}"


def as_json(runs: list[SizeRun]) -> list[dict[str, Any]]:
    return [asdict(r) for r in runs]


def from_json(document: dict[str, Any]) -> list[SizeRun]:
    """Runs written by `as_json` (or before it kept `bulk_s`, `failed` and a date per run)."""
    runs = []
    for r in document.get("runs", []):
        questions = [Asked(q.get("question", q.get("path", "")), q["first_ms"], q["kept_ms"], q["after_write_ms"],
                           q.get("failed")) for q in r["questions"]]
        runs.append(SizeRun(r["elements"], r["relations"], r["import_s"], r["merge_baseline_s"], r["create_baseline_s"],
                            r.get("bulk_s"), r["export_s"], r["memory_mb"], questions,
                            r.get("measured") or document.get("measured", ""), r.get("import_no_history_s")))
    return runs


def merged(kept: list[SizeRun], new: list[SizeRun]) -> list[SizeRun]:
    """The runs kept, with those of the sizes measured anew replaced, by size."""
    sizes = {r.elements for r in new}
    return sorted([r for r in kept if r.elements not in sizes] + new, key=lambda r: r.elements)


def plot(runs: list[SizeRun], output: Path, title: str) -> None:
    """p50 and p95 against model size, per question: unchanged model, and right after a write."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(1, 2, figsize=(13, 5.5), sharey=True)
    views: list[tuple[str, Callable[[Asked], list[float]]]] = [
        ("model unchanged (kept answer)", lambda q: q.kept_ms),
        ("first ask after a single-element write", lambda q: q.after_write_ms)]
    for ax, (label, samples) in zip(axes, views, strict=True):
        for i, path in enumerate(QUESTIONS):
            answered = [(r.elements, q) for r in runs for q in r.questions if q.question == path and not q.failed]
            at = [size for size, _ in answered]
            colour = f"C{i}"
            name = path.removeprefix("/api/v1/").replace("{package}", "P")
            ax.plot(at, [statistics.median(samples(q)) for _, q in answered], "o-", color=colour, label=f"{name} p50")
            ax.plot(at, [percentile(samples(q), 0.95) for _, q in answered], "x--", color=colour, alpha=0.6)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("elements in the model")
        ax.set_title(label)
        ax.grid(True, which="both", alpha=0.3)
    axes[0].set_ylabel("ms over HTTP, one worker (solid p50, dashed p95)")
    axes[1].legend(fontsize=7, loc="upper left")
    figure.suptitle(title)
    figure.tight_layout()
    figure.savefig(output, dpi=110)
    plt.close(figure)
