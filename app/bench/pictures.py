"""How long the largest picture takes (`sigraph bench --pictures 300,3000`): a model of that many
elements that one package depends on entirely (services, then systems band after band, each
needing two of the band above's: about two relationships per element), with an owner for every
ten systems outside it (its neighbourhood), and the dependencies picture of that package with the
node limit at the model's size: built (the answer and the page, in the service's code) and drawn
(headless Chromium, to a PNG, laid out and painted; and to the page's own SVG)."""

from __future__ import annotations

import json
import random
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.analysis.repository import GraphSource
from app.config import Settings
from app.db.database import Database
from app.model.answers import ImportMode
from app.model.service import WriteBy, import_model
from viz.standalone import write_picture

ROOT = "pkg-picture"
OWNED_EACH = 10  # systems per owner


@dataclass(frozen=True)
class PictureTiming:
    elements: int  # the model's size
    root: str
    drawn: int  # elements in the picture
    relationships: int
    neighbours: int  # elements outside the answer, one relationship away
    build_s: float  # answer and page
    draw_s: float  # answer, page and Chromium's PNG
    svg_s: float  # answer, page and the page's SVG read from Chromium


def spread_model(total: int, seed: int = 7, fan: int = 6) -> dict[str, Any]:
    """`total` elements, every one in the closure of the package ROOT."""
    rnd = random.Random(seed)
    elements: list[dict[str, Any]] = [{"id": ROOT, "type": "ServicePackage", "name": "the package drawn"}]
    relations: list[dict[str, Any]] = []
    band = [f"svc-{i:05d}" for i in range(min(fan * 2, total - 1))]
    elements += [{"id": i, "type": "Service", "name": f"service {i[4:]}"} for i in band]
    relations += [{"from": ROOT, "type": "INCLUDES", "to": i} for i in band]
    made = len(elements)
    while made < total:
        below = [f"sys-{made + k:05d}" for k in range(min(len(band) * fan // 2, total - made))]
        elements += [{"id": i, "type": "System", "name": f"system {i[4:]}"} for i in below]
        for child in below:
            for parent in rnd.sample(band, min(2, len(band))):
                relations.append({"from": parent, "type": "RUNS_ON", "to": child})
        made += len(below)
        band = below
    systems = [e["id"] for e in elements if e["type"] == "System"]
    for k in range(0, len(systems), OWNED_EACH):  # owners: outside the closure (OWNS is no dependency)
        owner = f"org-{k // OWNED_EACH:05d}"
        elements.append({"id": owner, "type": "Organization", "name": f"owner {k // OWNED_EACH}", "kind": "internal"})
        relations += [{"from": owner, "type": "OWNS", "to": s} for s in systems[k:k + OWNED_EACH]]
    return {"elements": elements, "relations": relations}


def bench_pictures(db: Database, settings: Settings, sizes: list[int]) -> Iterator[PictureTiming]:
    for size in sizes:
        import_model(db=db, document=spread_model(size), mode=ImportMode.REPLACE, by=WriteBy("bench:pictures"))
        source = GraphSource(db)
        wide = settings.model_copy(update={"viz_node_limit": size, "default_max_depth": 100})
        with tempfile.TemporaryDirectory() as folder:
            seconds: dict[str, float] = {}
            for fmt in ("html", "png", "svg"):  # each from the answer on: built, then drawn two ways
                started = time.perf_counter()
                write_picture(source=source, settings=wide, output=Path(folder) / f"p.{fmt}", element_id=ROOT,
                              view="dependencies", failed=None, metric="service_level", max_depth=None,
                              max_tier=None, as_of=None, fmt=fmt)
                seconds[fmt] = round(time.perf_counter() - started, 2)
            html = (Path(folder) / "p.html").read_text(encoding="utf-8")
        data = json.loads(html.split("var DATA = ", 1)[1].split(";\n", 1)[0])  # the page's network
        yield PictureTiming(elements=size, root=ROOT, drawn=sum(not n.get("context") for n in data["nodes"]),
                            relationships=sum(not e.get("context") for e in data["edges"]),
                            neighbours=sum(bool(n.get("context")) for n in data["nodes"]), build_s=seconds["html"],
                            draw_s=seconds["png"], svg_s=seconds["svg"])
