"""The model as the CSV files of Neo4j's offline importer (`neo4j-admin database import full`).

Each property gets a typed column (`name:long`, `tags:string[]`, ...), the type of its first
value; a field left empty sets nothing, a quoted `""` sets the empty string. What no column can
hold exactly comes back as `rest`, to be set with Cypher after the import: an empty list, a list
of mixed types or holding an empty string, a value whose type differs from its column's. So the
stored graph is the one `import_model` writes, property for property.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.model.documents import ElementDoc, RelationDoc

# The unit separator splits array fields and label lists: no text of a model holds it, as every
# text refuses control characters (app/model/documents.py).
ARRAY_DELIMITER = "\x1f"
ELEMENT_LABEL = "Element"



def _scalar_type(value: Any) -> str | None:
    # bool before int (a bool is an int); a str enum (lifecycle's default) is its text
    for kind, name in ((bool, "boolean"), (int, "long"), (float, "double"), (str, "string")):
        if isinstance(value, kind):
            return name
    return None


def column_type(value: Any) -> str | None:
    """The importer's type that holds `value` exactly, or None when no column does."""
    if not isinstance(value, list):
        return _scalar_type(value)
    kinds = {_scalar_type(v) for v in value}
    if len(kinds) != 1 or None in kinds:  # empty, mixed, or not a scalar
        return None
    kind = kinds.pop()
    if kind == "string" and not all(value):  # "" in an array field cannot be told from a missing item
        return None
    return f"{kind}[]"


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _field(value: Any) -> str:
    if isinstance(value, list):
        return _quoted(ARRAY_DELIMITER.join(_plain(v) for v in value))
    return _quoted(value) if isinstance(value, str) else _plain(value)


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)  # the shortest text that reads back as the same double
    return str(value)


@dataclass
class _Columns:
    """The typed columns of one file: the first type seen of each property wins."""

    types: dict[str, str] = field(default_factory=dict)

    def add(self, props: dict[str, Any], skip: frozenset[str]) -> None:
        for name, value in props.items():
            if name not in skip and name not in self.types and (kind := column_type(value)) is not None:
                self.types[name] = kind

    def fits(self, name: str, value: Any) -> bool:
        kind = column_type(value)
        return kind is not None and self.types.get(name) == kind

    def header(self) -> list[str]:
        return [name if kind == "string" else f"{name}:{kind}" for name, kind in self.types.items()]


@dataclass
class ImportFiles:
    """The files written, and what they leave to Cypher."""

    nodes: Path
    relationships: Path
    multiline: bool  # some text holds a line break: the importer must read quoted line breaks
    rest_elements: list[dict[str, Any]]  # {id, props}
    rest_relations: list[dict[str, Any]]  # {from, type, to, props}


def write_import_files(elements: list[ElementDoc], relations: list[RelationDoc], folder: Path) -> ImportFiles:
    """Write `nodes.csv` and `relationships.csv` in `folder`."""
    element_rows = [(e.id, str(e.type), e.to_properties()) for e in elements]
    relation_rows = [(r.from_, str(r.type), r.to, r.to_properties()) for r in relations]
    columns, rel_columns = _Columns(), _Columns()
    for _, _, props in element_rows:
        columns.add(props, frozenset({"id"}))
    for *_, props in relation_rows:
        rel_columns.add(props, frozenset())
    multiline = False
    rest_elements: list[dict[str, Any]] = []
    rest_relations: list[dict[str, Any]] = []

    nodes = folder / "nodes.csv"
    with nodes.open("w", encoding="utf-8", newline="") as out:
        out.write(",".join(["id:ID", ":LABEL", *columns.header()]) + "\n")
        for element_id, element_type, props in element_rows:
            fields, rest = _fields(props, columns)
            if rest:
                rest_elements.append({"id": element_id, "props": rest})
            line = ",".join([_quoted(element_id), _quoted(f"{ELEMENT_LABEL}{ARRAY_DELIMITER}{element_type}"), *fields])
            multiline = multiline or "\n" in line or "\r" in line
            out.write(line + "\n")

    relationships = folder / "relationships.csv"
    with relationships.open("w", encoding="utf-8", newline="") as out:
        out.write(",".join([":START_ID", ":END_ID", ":TYPE", *rel_columns.header()]) + "\n")
        for source, rel_type, target, props in relation_rows:
            fields, rest = _fields(props, rel_columns)
            if rest:
                rest_relations.append({"from": source, "type": rel_type, "to": target, "props": rest})
            line = ",".join([_quoted(source), _quoted(target), rel_type, *fields])
            multiline = multiline or "\n" in line or "\r" in line
            out.write(line + "\n")
    return ImportFiles(nodes, relationships, multiline, rest_elements, rest_relations)


def _fields(props: dict[str, Any], columns: _Columns) -> tuple[Iterable[str], dict[str, Any]]:
    """The row's fields in column order (empty where it has no value), and the properties no
    column holds."""
    rest = {name: value for name, value in props.items() if name != "id" and not columns.fits(name, value)}
    fields = ["" if name not in props or name in rest else _field(props[name]) for name in columns.types]
    return fields, rest
