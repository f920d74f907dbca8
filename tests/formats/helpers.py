"""The formats' test helpers: the schemas, offline, and the models other tools wrote."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lxml import etree

HERE = Path(__file__).parent
XSD = HERE / "xsd"
MODELS = HERE / "models"
ARCHISURANCE = MODELS / "Archisurance.archimate"
SAMPLE = MODELS / "Sample1.xml"
ARCHI_CSV = MODELS / "archi-csv"


class _Offline(etree.Resolver):  # type: ignore[misc]  # lxml ships no types
    """The schemas import xml.xsd by its web address: answer it from the copy here."""

    def resolve(self, url, pubid, context):  # type: ignore[no-untyped-def]
        if url and url.endswith("xml.xsd"):
            return self.resolve_filename(str(XSD / "xml.xsd"), context)
        return None


@lru_cache(maxsize=1)
def exchange_schema() -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_Offline())
    return etree.XMLSchema(etree.parse(str(XSD / "archimate3_Diagram.xsd"), parser))


def schema_errors(document: bytes) -> list[str]:
    """What The Open Group's schema finds wrong with an exchange file (nothing when valid)."""
    schema = exchange_schema()
    if schema.validate(etree.fromstring(document)):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log]
