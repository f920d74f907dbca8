"""Archi's CSV: `elements.csv`, `relations.csv` and `properties.csv`, as Archi writes and reads
them (every field quoted, CRLF between rows, UTF-8; a file-name prefix and `;` or tab as the
delimiter are read too). Over HTTP the three files travel in a zip."""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from collections.abc import Mapping

from app.errors import InvalidInput, PayloadTooLarge
from app.formats.foreign import Element, ForeignModel, Property, Relationship, normal_type

MODEL_TYPE = "ArchimateModel"
ELEMENTS_HEADER = ["ID", "Type", "Name", "Documentation", "Specialization"]
RELATIONS_HEADER = ["ID", "Type", "Name", "Documentation", "Source", "Target", "Specialization"]
PROPERTIES_HEADER = ["ID", "Key", "Value"]
FILES = ("elements.csv", "relations.csv", "properties.csv")


def _bad(field: str, reason: str) -> InvalidInput:
    return InvalidInput(f"{field}: {reason}", [{"field": field, "reason": reason}])


def _rows(name: str, raw: bytes, header: list[str]) -> list[dict[str, str]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise _bad(name, f"not UTF-8 (byte {e.start})") from None
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as e:
        raise _bad(name, f"not CSV: {e}") from None
    if not rows or [c.strip() for c in rows[0][:len(header) - 1]] != header[:len(header) - 1]:
        raise _bad(name, f"the first row must be the header {', '.join(header)}")
    columns = rows[0]
    # line breaks as XML has them (Archi writes the ones inside fields as CRLF on Windows)
    return [{c: v.replace("\r\n", "\n") for c, v in zip(columns, row, strict=False)}
            for row in rows[1:] if any(cell.strip() for cell in row)]


def read_csv(files: Mapping[str, bytes]) -> ForeignModel:
    """A foreign model from the three files (by their names; only elements.csv is required)."""
    if "elements.csv" not in files:
        raise _bad("elements.csv", "missing: Archi's CSV export writes elements.csv, relations.csv, properties.csv")
    model = ForeignModel()
    properties: dict[str, list[Property]] = {}
    for row in _rows("properties.csv", files["properties.csv"], PROPERTIES_HEADER) if "properties.csv" in files else []:
        if row.get("Key"):
            properties.setdefault(row.get("ID", ""), []).append(Property(row["Key"], row.get("Value", "")))
    for row in _rows("elements.csv", files["elements.csv"], ELEMENTS_HEADER):
        names = {"": row["Name"]} if row.get("Name") else {}
        if row.get("Type") == MODEL_TYPE:
            model.name = row.get("Name") or model.name
            continue
        documentation = {"": row["Documentation"]} if row.get("Documentation") else {}
        model.elements.append(Element(id=row.get("ID", ""), type=normal_type(row.get("Type", "")), names=names,
                                      documentation=documentation, properties=properties.get(row.get("ID", ""), [])))
    for row in _rows("relations.csv", files["relations.csv"], RELATIONS_HEADER) if "relations.csv" in files else []:
        model.relationships.append(Relationship(
            id=row.get("ID", ""), type=normal_type(row.get("Type", "")), source=row.get("Source", ""),
            target=row.get("Target", ""), names={"": row["Name"]} if row.get("Name") else {},
            documentation={"": row["Documentation"]} if row.get("Documentation") else {},
            properties=properties.get(row.get("ID", ""), [])))
    return model


def read_zip(raw: bytes, max_bytes: int) -> dict[str, bytes]:
    """The three files from a zip (any folder, any file-name prefix), their unpacked size bounded."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except zipfile.BadZipFile as e:
        raise _bad("body", f"not a zip file: {e}") from None
    found: dict[str, zipfile.ZipInfo] = {}
    for info in archive.infolist():
        base = info.filename.rsplit("/", 1)[-1].lower()
        for wanted in FILES:
            if base.endswith(wanted):
                if wanted in found:
                    raise _bad("body", f"two files end with {wanted}: {found[wanted].filename}, {info.filename}")
                found[wanted] = info
    if sum(info.file_size for info in found.values()) > max_bytes:
        raise PayloadTooLarge(f"body: the CSV files unpack to more than the {max_bytes} bytes accepted")
    files = {}
    for name, info in found.items():
        try:
            with archive.open(info) as member:
                files[name] = member.read(max_bytes + 1)  # the sizes above are the archive's word: read no more
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError, zlib.error) as e:
            # a bad CRC, an encrypted member, an unknown compression method, corrupt deflate data
            raise _bad("body", f"cannot unpack {info.filename}: {e}") from None
        if len(files[name]) > max_bytes:
            raise PayloadTooLarge(f"body: {info.filename} unpacks to more than the {max_bytes} bytes accepted")
    return files


def _write(header: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _one(texts: dict[str, str]) -> str:
    return next(iter(texts.values()), "")


def write_csv(model: ForeignModel) -> dict[str, bytes]:
    """The three files, named as Archi names them."""
    elements = [["sigraph-model", MODEL_TYPE, model.name, "", ""]]
    elements += [[e.id, e.type, _one(e.names), _one(e.documentation), ""] for e in model.elements]
    relations = [[r.id, f"{r.type}Relationship", _one(r.names), _one(r.documentation), r.source, r.target, ""]
                 for r in model.relationships]
    properties = [[e.id, p.key, p.value] for e in model.elements for p in e.properties]
    properties += [[r.id, p.key, p.value] for r in model.relationships for p in r.properties]
    return {"elements.csv": _write(ELEMENTS_HEADER, elements), "relations.csv": _write(RELATIONS_HEADER, relations),
            "properties.csv": _write(PROPERTIES_HEADER, properties)}


def write_zip(files: Mapping[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()
