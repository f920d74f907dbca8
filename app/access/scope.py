"""A partner's scope: the part of the graph a partner key sees (docs/security.md).

`full`: the organisation itself, what it owns or provides, its suppliers tier by tier, the
requirements they attest or that are in force for it, and the agreements that cover any of
these or name it as provider or consumer. `context`: the service packages that include its
elements and its buyers (who requires what of it), shown with id, name and type only. Everything
else is out of scope: it is answered like an unknown id (404), left out of lists, and shown in
paths as `{"redacted": true}`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from app.db.database import Tx
from app.schema import RelType

CONTEXT_FIELDS = ("id", "type", "name")


@dataclass(frozen=True)
class Scope:
    organization: str
    full: frozenset[str]
    context: frozenset[str]

    def sees(self, element_id: str) -> bool:
        """In scope, fully or as context."""
        return element_id in self.full or element_id in self.context

    def sees_all(self, element_ids: Iterable[str]) -> bool:
        return all(self.sees(i) for i in element_ids)

    def sees_relation(self, source: str, rel_type: str, target: str) -> bool:
        """Both ends in scope; from a context element only the INCLUDES that reach the scope."""
        if not (self.sees(source) and self.sees(target)):
            return False
        return source in self.full or rel_type == RelType.INCLUDES

    def document(self, doc: dict[str, Any]) -> dict[str, Any] | None:
        """An element document as this scope shows it: whole, as context (id, name, type), or not at all."""
        element_id = doc["id"]
        if element_id in self.full:
            return doc
        if element_id in self.context:
            return {k: doc[k] for k in CONTEXT_FIELDS if k in doc}
        return None


def load_scope(tx: Tx, organization: str) -> Scope:
    """The scope of a partner key of `organization`; empty when the organisation is gone."""
    row = tx.single("access/get_partner_scope", organization=organization)
    if row is None:
        return Scope(organization, frozenset(), frozenset())
    full = frozenset([organization, *row["own"], *row["suppliers"], *row["requirements"], *row["agreements"]])
    return Scope(organization, full, frozenset([*row["offerings"], *row["buyers"]]) - full)
