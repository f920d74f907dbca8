"""The model's API shapes, one module: import reports, elements and relations as answered, deletions,
the schema view, history, scenarios and the bulk load's report. Field names as in spec/api.md."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    StrictInt,
    model_serializer,
)

from app.model.documents import ID_MAX, Id, Measurement, Name, Text, iso_date_only
from app.schema import (
    AttestationStatus,
    ElementType,
    Lifecycle,
    OrganizationRole,
    Pillar,
    RelType,
    RemediationStatus,
    RequirementCategory,
)

Number = int | float  # an int stays an int in the answer


class ImportMode(StrEnum):
    MERGE = "merge"  # upsert the document's items; leave the rest
    REPLACE = "replace"  # the model becomes exactly the document


class Counts(BaseModel):
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0


class Skipped(BaseModel):
    """An element or relationship of another tool's model that sigraph has no mapping for."""

    kind: Literal["element", "relationship"]
    id: str
    type: str
    name: str | None
    reason: str


class ImportReport(BaseModel):
    mode: ImportMode
    elements: Counts
    relations: Counts
    skipped: list[Skipped] = Field(default_factory=list, description="what a model from another tool had that "
                                                                      "sigraph has no mapping for (docs/archimate.md)")


def _stored_only(fields: dict[str, Any], first: tuple[str, ...], last: tuple[str, ...] = ()) -> dict[str, Any]:
    """A stored item as its document: the properties it has (no nulls, as Neo4j stores none), `first`
    in order, the rest sorted, then `last`."""
    present = {k: v for k, v in fields.items() if v is not None}
    rest = sorted(k for k in present if k not in first and k not in last)
    return {k: present[k] for k in (*first, *rest, *last) if k in present}


class ElementView(BaseModel):
    """An element in document form: id, type and name, then the properties it has (those of the
    schema below, and any other property the model gave it), sorted."""

    model_config = ConfigDict(extra="allow")

    id: str
    type: ElementType
    name: str
    pillar: Pillar | None = None
    description: str | None = None
    lifecycle: Lifecycle | None = None
    service_level: int | None = None
    availability: Number | None = None
    xla_score: Number | None = None
    tags: list[str] | None = None
    attributes: dict[str, Any] | None = None
    kind: str | None = None
    roles: list[OrganizationRole] | None = None
    category: RequirementCategory | None = None
    targets: dict[str, Number] | None = None

    @model_serializer(mode="wrap")
    def _as_document(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        return _stored_only(handler(self), ("id", "type", "name"), ("relations",))


class RelationView(BaseModel):
    """A relationship in document form: from, type and to, then the properties it has, sorted."""

    model_config = ConfigDict(extra="allow", populate_by_name=True, serialize_by_alias=True)

    from_: str = Field(alias="from")
    type: RelType
    to: str
    redundancy_group: str | None = None
    min_up: int | str | None = None
    status: AttestationStatus | RemediationStatus | None = None
    valid_until: date | None = None
    evidence: str | None = None
    point: str | None = None

    @model_serializer(mode="wrap")
    def _as_document(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        return _stored_only(handler(self), ("from", "type", "to"))


class ElementDetail(ElementView):
    """An element with its direct relationships, both directions, under `relations`."""

    relations: list[RelationView]


class ElementPage(BaseModel):
    items: list[ElementView]
    next_cursor: str | None


class RelationKey(BaseModel):
    """Names one relationship."""

    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)

    from_: str = Field(alias="from", min_length=1, max_length=ID_MAX)
    type: RelType
    to: str = Field(min_length=1, max_length=ID_MAX)


class DeletedElement(BaseModel):
    deleted: str
    relations_removed: list[RelationKey]


class DeletedRelation(BaseModel):
    deleted: RelationKey


class ElementTypeView(BaseModel):
    type: ElementType
    pillar: Pillar


class RelationRuleView(BaseModel):
    type: RelType
    sources: list[ElementType]
    targets: list[ElementType]
    dependency: bool
    description: str


ID_ALPHABET = ("1 to 200 characters, not blank; any character but a slash (/), control characters "
               "(U+0000-U+001F, U+007F-U+009F), bidirectional overrides and isolates (U+202A-U+202E, "
               "U+2066-U+2069) and lone surrogates")
NUMBERS = "integers within 64 bits, finite floats (no NaN or Infinity), in properties and attributes too"


class SchemaView(BaseModel):
    id_alphabet: str = ID_ALPHABET
    numbers: str = NUMBERS
    pillars: dict[Pillar, list[ElementType]]
    element_types: list[ElementTypeView]
    relationships: list[RelationRuleView]
    enums: dict[str, list[str]]
    ranges: dict[str, list[float]]


# -- history (docs/history.md) ------------------------------------------------------------------


class RevisionEntry(BaseModel):
    """One write that changed the model."""

    revision: int
    at: str = Field(description="when it committed (ISO 8601, UTC)")
    who: str = Field(description="the key's name; `cli:<user>` or `system:<task>` outside the API")
    action: str
    target: str | None
    counts: dict[str, Any]


class RevisionPage(BaseModel):
    revision: int = Field(description="the model's revision now")
    oldest: int = Field(description="the oldest revision history can tell (SIGRAPH_HISTORY_KEEP)")
    revisions: list[RevisionEntry] = Field(description="the writes after `since`, oldest first")
    next_since: int | None = Field(description="pass as `since` for the next page; null at the end")


class ElementChange(BaseModel):
    id: str
    before: dict[str, Any]
    after: dict[str, Any]


class RelationChange(BaseModel):
    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)

    from_: str = Field(alias="from")
    type: RelType
    to: str
    before: dict[str, Any]
    after: dict[str, Any]


class ElementsDiff(BaseModel):
    added: list[dict[str, Any]] = Field(description="elements as documents")
    removed: list[dict[str, Any]]
    changed: list[ElementChange]


class RelationsDiff(BaseModel):
    added: list[dict[str, Any]] = Field(description="relations as documents")
    removed: list[dict[str, Any]]
    changed: list[RelationChange]


class ModelDiff(BaseModel):
    """What changed from one revision to another: applied to the model at `from`, it gives the
    model at `to`."""

    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)

    from_: int = Field(alias="from")
    to: int
    elements: ElementsDiff
    relations: RelationsDiff


# -- scenarios and the bulk load ------------------------------------------------------------------

NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$"
ScenarioName = Annotated[str, Field(pattern=NAME_PATTERN, description="letters, digits, `.`, `_`, `-`; at most 100")]


class Removals(BaseModel):
    model_config = ConfigDict(extra="forbid")

    elements: list[Id] = Field(default_factory=list, description="ids removed, with their relationships")
    relations: list[RelationKey] = Field(default_factory=list)


class ChangeSet(BaseModel):
    """What a scenario changes: items added or changed (as documents), and items removed."""

    model_config = ConfigDict(extra="forbid")

    elements: list[dict[str, Any]] = Field(default_factory=list, description="ElementDoc items, added or "
                                                                                 "replacing the base's")
    relations: list[dict[str, Any]] = Field(default_factory=list, description="RelationDoc items")
    remove: Removals = Field(default_factory=Removals)

    def size(self) -> int:
        return len(self.elements) + len(self.relations) + len(self.remove.elements) + len(self.remove.relations)


class ScenarioBody(BaseModel):
    """A scenario as sent: its change set and the revision it starts from (default: now)."""

    model_config = ConfigDict(extra="forbid")

    base: StrictInt | None = Field(default=None, ge=0, le=2**63 - 1, description="the revision it changes; "
                                                                              "default: now")
    description: Text | None = None
    changes: ChangeSet = Field(default_factory=ChangeSet)


class ScenarioRequest(ScenarioBody):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "name": "second-laptop-maker", "description": "A second maker for the business laptop",
        "changes": {"elements": [{"id": "org-lapto2", "type": "Organization", "name": "Second laptop maker",
                                  "kind": "partner"}],
                    "relations": [{"from": "prod-laptop", "type": "PROVIDED_BY", "to": maker,
                                   "redundancy_group": "laptop-makers"} for maker in ("org-lapto", "org-lapto2")]}}]})

    name: ScenarioName


class ScenarioView(BaseModel):
    name: str
    description: str | None
    base: int = Field(description="the revision of the live model it changes")
    live_revision: int = Field(description="the live model's revision now")
    behind: bool = Field(description="the live model has moved past the base: rebase before applying")
    who: str
    updated_at: str
    changes: ChangeSet


class BulkReport(BaseModel):
    elements: Counts
    relations: Counts
    revision: int = Field(description="the model revision the load made")
    seconds: dict[str, float] = Field(description="time per step: check, files, import, start, finish")


# -- remediations -------------------------------------------------------------------------------


class RemediationRequest(BaseModel):
    """What is being done about a compliance gap (docs/compliance.md)."""

    model_config = ConfigDict(extra="forbid")

    owner: Name = Field(description="who fixes it: a person, a team, a role", examples=["Procurement, J. Weber"])
    due: Annotated[date, BeforeValidator(iso_date_only)] = Field(description="ISO date", examples=["2027-03-31"])
    status: RemediationStatus = RemediationStatus.OPEN
    note: Text | None = Field(default=None, examples=["Audit of the cobalt refiners booked for February"])


class RemediationView(RemediationRequest):
    """A remediation as stored, for the organisation and requirement it is about."""

    model_config = ConfigDict(extra="forbid")

    organization: str
    requirement: str
    overdue: bool = Field(description="past its due date today, and neither done nor an accepted risk")


# -- measurements -------------------------------------------------------------------------------


class MeasurementRequest(Measurement):
    """A value measured for an agreement (or another element) over a period (docs/agreements.md)."""

    element: Id = Field(description="the agreement or element measured", examples=["sla-hansa"])


class MeasurementRecorded(BaseModel):
    element: str
    measurement: Measurement
    replaced: Number | None = Field(description="the value it replaced for that metric and period, if any")
    measurements: int = Field(description="how many the element holds now")
