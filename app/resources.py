"""The data the package ships beside its code: the Cypher queries, the migrations, the demo
model, the Neo4j version.

In a wheel they live inside the package, in `app/_data/` (the build puts them there: see
`force-include` in pyproject.toml), and are read through importlib.resources; in a source
checkout (an editable install, the tests) they are the project's own top-level folders.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

SOURCE_ROOT = Path(__file__).resolve().parents[1]
# what the wheel calls each resource -> where a source checkout keeps it
_IN_SOURCE = {"cypher": "cypher", "migrations": "migrations", "examples": "examples", "neo4j.env": ".env"}


def resource(name: str) -> Traversable:
    """A shipped folder or file by its name in the wheel (`cypher`, `migrations`, `examples`, `neo4j.env`)."""
    packaged = files("app").joinpath("_data", name)
    if packaged.is_dir() or packaged.is_file():
        return packaged
    return SOURCE_ROOT / _IN_SOURCE[name]


def walk(folder: Traversable, suffix: str, prefix: str = "") -> Iterator[tuple[str, Traversable]]:
    """(relative name, file) of every file below `folder` ending in `suffix`, sorted."""
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_dir():
            yield from walk(entry, suffix, f"{prefix}{entry.name}/")
        elif entry.name.endswith(suffix):
            yield f"{prefix}{entry.name}", entry
