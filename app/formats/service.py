"""Models in other tools' formats: read, mapped, imported like any document; the model written out."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from enum import StrEnum
from pathlib import Path
from typing import Any

from app.db.database import Database
from app.errors import InvalidInput
from app.formats.archi_csv import FILES, read_csv, read_zip, write_csv, write_zip
from app.formats.archi_native import read_archi
from app.formats.exchange import read_exchange, write_exchange
from app.formats.foreign import ForeignModel
from app.formats.graphml import write_graphml
from app.formats.translate import to_document, to_foreign
from app.model.answers import ImportMode, ImportReport
from app.model.service import WriteBy, import_model


class ImportFormat(StrEnum):
    ARCHIMATE = "archimate"  # The Open Group exchange format (XML)
    ARCHI = "archi"  # Archi's own model file (.archimate, XML)
    ARCHI_CSV = "archi-csv"  # Archi's three CSV files (a zip over HTTP, a folder from the command line)


class ExportFormat(StrEnum):
    ARCHIMATE = "archimate"
    ARCHI_CSV = "archi-csv"
    GRAPHML = "graphml"


XML_TYPES = ("application/xml", "text/xml")
ZIP_TYPES = ("application/zip", "application/x-zip-compressed")
MEDIA_TYPES: dict[ImportFormat, tuple[str, ...]] = {
    ImportFormat.ARCHIMATE: XML_TYPES, ImportFormat.ARCHI: XML_TYPES, ImportFormat.ARCHI_CSV: ZIP_TYPES}
EXPORT_MEDIA: dict[ExportFormat, tuple[str, str]] = {  # media type, file name
    ExportFormat.ARCHIMATE: ("application/xml", "sigraph-model.xml"),
    ExportFormat.ARCHI_CSV: ("application/zip", "sigraph-model-csv.zip"),
    ExportFormat.GRAPHML: ("application/graphml+xml", "sigraph-model.graphml")}


def read_foreign(raw: bytes, fmt: ImportFormat, max_bytes: int) -> ForeignModel:
    if fmt == ImportFormat.ARCHI_CSV:
        return read_csv(read_zip(raw, max_bytes))
    return read_archi(raw) if fmt == ImportFormat.ARCHI else read_exchange(raw)


def import_foreign(*, db: Database, model: ForeignModel, mode: ImportMode, by: WriteBy, lang: str,
                   progress: Callable[[int], None] | None = None) -> ImportReport:
    """Map a foreign model and import it atomically; the report says what had no mapping."""
    document, skipped = to_document(model, lang)
    report = import_model(db=db, document=document, mode=mode, by=by, progress=progress)
    return report.model_copy(update={"skipped": skipped})


def export_as(fmt: ExportFormat, items: Iterator[tuple[str, dict[str, Any]]], lang: str) -> bytes:
    if fmt == ExportFormat.GRAPHML:
        return write_graphml(items)
    model = to_foreign(items, lang)
    return write_exchange(model) if fmt == ExportFormat.ARCHIMATE else write_zip(write_csv(model))


# -- files, for the command line ------------------------------------------------------------------

FILE_FORMATS = {".xml": ImportFormat.ARCHIMATE, ".archimate": ImportFormat.ARCHI, ".zip": ImportFormat.ARCHI_CSV}


def file_format(path: Path) -> ImportFormat | None:
    """The format of a model file or folder; None for sigraph's own JSON or YAML."""
    if path.is_dir():
        return ImportFormat.ARCHI_CSV
    return FILE_FORMATS.get(path.suffix.lower())


def read_foreign_path(path: Path, fmt: ImportFormat, max_bytes: int) -> ForeignModel:
    """A foreign model from a file, or from a folder holding Archi's CSV files."""
    if path.is_dir():
        return read_csv(_csv_folder(path))
    return read_foreign(path.read_bytes(), fmt, max_bytes)


def _csv_folder(folder: Path) -> Mapping[str, bytes]:
    found: dict[str, bytes] = {}
    for wanted in FILES:
        matches = sorted(p for p in folder.iterdir() if p.name.lower().endswith(wanted))
        if len(matches) > 1:
            raise InvalidInput(f"{folder}: two files end with {wanted}", [{"field": wanted, "reason": "ambiguous"}])
        if matches:
            found[wanted] = matches[0].read_bytes()
    return found


def write_export(path: Path, fmt: ExportFormat, items: Iterator[tuple[str, dict[str, Any]]], lang: str) -> None:
    """An export to a file; Archi's CSV into a folder, as Archi writes it."""
    if fmt != ExportFormat.ARCHI_CSV:
        path.write_bytes(export_as(fmt, items, lang))
        return
    path.mkdir(parents=True, exist_ok=True)
    for name, data in write_csv(to_foreign(items, lang)).items():
        (path / name).write_bytes(data)
