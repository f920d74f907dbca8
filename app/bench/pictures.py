"""How long the largest picture takes at a model size (`sigraph bench --pictures 300,3000`): a
generated model of that size, its element with the largest dependency closure, the dependencies
picture of it with no node limit below the model's size: built (the answer and the page, in the
service's code) and drawn (headless Chromium, to a PNG, laid out and painted)."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from app.analysis.repository import GraphSource
from app.bench.generate import generate_model
from app.config import Settings
from app.db.database import Database
from app.model.answers import ImportMode
from app.model.service import WriteBy, import_model
from viz.standalone import write_picture


@dataclass(frozen=True)
class PictureTiming:
    elements: int  # the model's size
    root: str
    drawn: int  # elements in the picture
    relationships: int
    build_s: float  # answer and page
    draw_s: float  # answer, page and Chromium's PNG


def _largest_closure(source: GraphSource, ids: list[str]) -> str:
    from app.analysis.service import Bounds, dependencies_of

    bounds = Bounds(default_depth=100, max_depth=100, result_limit=100_000)
    return max(ids, key=lambda i: (len(dependencies_of(source=source, bounds=bounds, element_id=i).nodes), i))


def bench_pictures(db: Database, settings: Settings, sizes: list[int]) -> Iterator[PictureTiming]:
    for size in sizes:
        document = generate_model(size)
        import_model(db=db, document=document, mode=ImportMode.REPLACE, by=WriteBy("bench:pictures"))
        source = GraphSource(db)
        packages = [e["id"] for e in document["elements"] if e["type"] == "ServicePackage"]
        root = _largest_closure(source, packages)
        wide = settings.model_copy(update={"viz_node_limit": size, "default_max_depth": 100})
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            summary = write_picture(source=source, settings=wide, output=Path(folder) / "p.html", element_id=root,
                                    view="dependencies", failed=None, metric="service_level", max_depth=None,
                                    max_tier=None, as_of=None)
            built = time.perf_counter() - started
            html = (Path(folder) / "p.html").read_text(encoding="utf-8")
            started = time.perf_counter()
            write_picture(source=source, settings=wide, output=Path(folder) / "p.png", element_id=root,
                          view="dependencies", failed=None, metric="service_level", max_depth=None, max_tier=None,
                          as_of=None, fmt="png")
            drawn = time.perf_counter() - started
        count = int(summary.split(", ")[-1].split()[0]) if summary.split(", ")[-1].split()[0].isdigit() else 0
        yield PictureTiming(elements=size, root=root, drawn=count, relationships=html.count('"relType"'),
                            build_s=round(built, 2), draw_s=round(drawn, 2))
