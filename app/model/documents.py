"""The model document: one element or relation as sent and exported, and its stored form.

Neo4j holds no maps in properties, so `attributes` and `targets` are stored as JSON text
(`attributes_json`, `targets_json`) and given back as maps on export.
"""

from __future__ import annotations

import math
import re
from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictFloat,
    StrictInt,
    StrictStr,
    ValidationInfo,
    field_validator,
    model_validator,
)

from app import stored
from app.schema import (
    PILLAR_OF,
    REL_RULES,
    AgreementKind,
    AttestationStatus,
    ElementType,
    Lifecycle,
    OrganizationKind,
    OrganizationRole,
    Pillar,
    RelType,
    RemediationStatus,
    RequirementCategory,
)

ID_MAX, NAME_MAX, TEXT_MAX, LIST_MAX = 200, 500, 20_000, 200
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_OR_NEWLINE = re.compile(r"[\x00-\x1f\x7f]")
_PROPERTY_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,63}$")
_SHARE = re.compile(r"^\s*(\d{1,3}(?:\.\d+)?)\s*%\s*$")


# Ids may hold any character but these: a slash (it ends a path segment), control characters
# (C0, DEL, C1), bidirectional overrides and isolates (they make an id read as another), and
# lone surrogates (no UTF-8 can carry them).
_NOT_IN_IDS = re.compile(r"[/\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
INT64 = (-(2**63), 2**63 - 1)


def iso_date_only(value: Any) -> Any:
    """An ISO date text (or a date), not a number pydantic would read as a timestamp."""
    if not isinstance(value, str | date):
        raise ValueError("an ISO date such as 2027-06-30")
    return value


def _single_line(value: str) -> str:
    if _CONTROL_OR_NEWLINE.search(value):
        raise ValueError("must not contain control characters or line breaks")
    return _unicode(value)


def _text(value: str) -> str:
    if _CONTROL.search(value):
        raise ValueError("must not contain control characters")
    return _unicode(value)


def _unicode(value: str) -> str:
    if _SURROGATE.search(value):
        raise ValueError("must be valid Unicode (it holds a lone surrogate)")
    return value


def _id(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    if found := _NOT_IN_IDS.search(value):
        raise ValueError(f"must not contain U+{ord(found.group()):04X}: ids hold no slash, control characters, "
                         "bidirectional overrides or lone surrogates")
    return value


Id = Annotated[StrictStr, Field(min_length=1, max_length=ID_MAX), AfterValidator(_id)]
Name = Annotated[StrictStr, Field(min_length=1, max_length=NAME_MAX), AfterValidator(_single_line)]
Text = Annotated[StrictStr, Field(max_length=TEXT_MAX), AfterValidator(_text)]
# Numbers Neo4j can hold and JSON can say: 64-bit integers, finite floats.
Int64 = Annotated[StrictInt, Field(ge=INT64[0], le=INT64[1])]
def _no_int(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        raise ValueError("an integer out of the 64-bit range")  # else it would pass as a float, silently
    return value


Finite = Annotated[StrictFloat, Field(allow_inf_nan=False), BeforeValidator(_no_int)]
Scalar = Annotated[StrictStr, AfterValidator(_unicode)] | Int64 | Finite | bool
Number = Int64 | Finite


class Targets(BaseModel):
    """An agreement's targets (spec/model.md)."""

    model_config = ConfigDict(extra="forbid")

    availability: Annotated[Number, Field(ge=0, le=1)] | None = None
    response_time_h: Annotated[Number, Field(ge=0)] | None = None
    resolution_time_h: Annotated[Number, Field(ge=0)] | None = None
    satisfaction: Annotated[Number, Field(ge=1, le=5)] | None = None


PERIOD_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$|^\d{4}-\d{2}-\d{2}/\d{4}-\d{2}-\d{2}$"
# The bounds of each measured metric: availability and satisfaction on the targets' scales, times in hours.
MEASURED_BOUNDS = {"availability": (0, 1), "response_time_h": (0, None), "resolution_time_h": (0, None),
                   "satisfaction": (1, 5)}
MAX_MEASUREMENTS = 1_000


def period_problem(period: str) -> str | None:
    """Why `period` (matching PERIOD_PATTERN) is no period: a year 0, a day no calendar has, a range
    that ends before it starts. None when it is one."""
    try:
        if "/" not in period:
            date(int(period[:4]), int(period[5:7]), 1)
            return None
        start, end = period.split("/")
        first, last = date.fromisoformat(start), date.fromisoformat(end)
    except ValueError as e:
        return str(e)
    return "the range ends before it starts" if first > last else None


class Measurement(BaseModel):
    """A value measured over a period: an ISO month (`2026-11`) or a date range (`2026-11-01/2026-11-15`)."""

    model_config = ConfigDict(extra="forbid")

    metric: Literal["availability", "response_time_h", "resolution_time_h", "satisfaction"]
    period: Annotated[StrictStr, Field(pattern=PERIOD_PATTERN, examples=["2026-11"])]
    value: Number = Field(description="availability 0..1, satisfaction 1..5, times in hours (at least 0)")

    @field_validator("period")
    @classmethod
    def _a_period(cls, period: str) -> str:
        problem = period_problem(period)
        if problem is not None:
            raise ValueError(problem)
        return period

    @field_validator("value")
    @classmethod
    def _on_its_scale(cls, value: int | float, info: ValidationInfo) -> int | float:
        metric = info.data.get("metric")
        if metric is None:  # the metric itself was refused: said there
            return value
        low, high = MEASURED_BOUNDS[metric]
        if value < low or (high is not None and value > high):
            raise ValueError(f"{metric} lies between {low} and {high if high is not None else 'any'}")
        return value


def _one_per_period(measurements: list[Measurement] | None) -> list[Measurement] | None:
    if measurements is not None:
        seen = set()
        for m in measurements:
            if (m.metric, m.period) in seen:
                raise ValueError(f"measurements: {m.metric} is measured twice for {m.period}")
            seen.add((m.metric, m.period))
    return measurements


# Keys an element document may not use as free properties: they are fields or stored forms.
_ELEMENT_RESERVED = set(stored.ELEMENT_RESERVED)
_KIND_OF: dict[ElementType, type[OrganizationKind] | type[AgreementKind]] = {
    ElementType.ORGANIZATION: OrganizationKind,
    ElementType.AGREEMENT: AgreementKind,
}


def _check_extras(extra: dict[str, Any] | None, reserved: set[str]) -> None:
    """Free properties are scalars or lists of scalars under plain names."""
    for key, value in (extra or {}).items():
        if not _PROPERTY_NAME.match(key) or key in reserved:
            raise ValueError(f"{key!r} is not an allowed property name")
        values = value if isinstance(value, list) else [value]
        if len(values) > LIST_MAX or not all(isinstance(v, str | int | float | bool) for v in values):
            raise ValueError(f"{key}: must be a scalar or a list of scalars")
        if len({_kind(v) for v in values}) > 1:  # Neo4j stores arrays of one kind (ints and floats: numbers)
            raise ValueError(f"{key}: a list must be of one kind: texts, numbers or booleans")
        for v in values:
            if isinstance(v, str) and (len(v) > TEXT_MAX or _CONTROL.search(v) or _SURROGATE.search(v)):
                raise ValueError(f"{key}: too long, or has control characters or lone surrogates")
            if isinstance(v, int) and not isinstance(v, bool) and not INT64[0] <= v <= INT64[1]:
                raise ValueError(f"{key}: {v} is past what a 64-bit integer holds")
            if isinstance(v, float) and not math.isfinite(v):
                raise ValueError(f"{key}: {v} is not a finite number (JSON has no NaN or Infinity)")


def _kind(value: str | int | float | bool) -> type:
    return bool if isinstance(value, bool) else str if isinstance(value, str) else float


class ElementDoc(BaseModel):
    """An element as imported and exported: `{id, type, name, ...properties}`."""

    model_config = ConfigDict(extra="allow", use_enum_values=True)

    id: Id
    type: ElementType
    name: Name
    pillar: Pillar | None = None
    description: Text | None = None
    lifecycle: Lifecycle = Lifecycle.LIVE
    service_level: Annotated[StrictInt, Field(ge=1, le=4)] | None = None
    availability: Annotated[Number, Field(ge=0, le=1)] | None = None
    xla_score: Annotated[Number, Field(ge=1, le=5)] | None = None
    tags: Annotated[list[Name], Field(max_length=LIST_MAX)] | None = None
    attributes: dict[Annotated[str, Field(pattern=_PROPERTY_NAME.pattern)], Scalar] | None = None
    kind: Name | None = None
    roles: list[OrganizationRole] | None = None
    category: RequirementCategory | None = None
    targets: Targets | None = None
    measurements: Annotated[list[Measurement], Field(max_length=MAX_MEASUREMENTS),
                            AfterValidator(_one_per_period)] | None = None

    @model_validator(mode="after")
    def _type_rules(self) -> ElementDoc:
        element_type = ElementType(self.type)
        expected = PILLAR_OF[element_type].value
        if self.pillar is not None and self.pillar != expected:
            raise ValueError(f"pillar: {self.type} belongs to pillar {expected!r}, not {self.pillar!r}")
        self.pillar = expected  # type: ignore[assignment]
        kinds = _KIND_OF.get(element_type)
        if kinds and self.kind is not None and self.kind not in {k.value for k in kinds}:
            raise ValueError(f"kind: {self.type} kind must be one of {[k.value for k in kinds]}")
        if self.roles is not None and element_type != ElementType.ORGANIZATION:
            raise ValueError("roles: only an Organization has roles")
        if self.targets is not None and element_type != ElementType.AGREEMENT:
            raise ValueError("targets: only an Agreement has targets")
        if self.category is not None and element_type != ElementType.REQUIREMENT:
            raise ValueError("category: only a Requirement has a category")
        _check_extras(self.model_extra, _ELEMENT_RESERVED)
        return self

    def to_properties(self) -> dict[str, Any]:
        """The node's stored properties (maps as JSON text, unset fields absent)."""
        doc = self.model_dump(exclude_none=True, exclude={"attributes", "targets", "measurements"})
        if self.attributes is not None:
            doc["attributes"] = self.attributes
        if self.targets is not None:
            doc["targets"] = self.targets.model_dump(exclude_none=True)
        if self.measurements is not None:  # by metric and period, so the same values store the same
            doc["measurements"] = [m.model_dump() for m in sorted(self.measurements,
                                                                   key=lambda m: (m.metric, m.period))]
        return stored.element_to_properties(doc)


def _min_up(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError("min_up is a count (2) or a share of the group (\"50%\")")
    if isinstance(value, int):
        if value < 1:
            raise ValueError("min_up must be at least 1")
        return value
    if isinstance(value, str) and value.strip().isdigit() and int(value) >= 1:
        return int(value)  # a count written as text
    if isinstance(value, str):
        match = _SHARE.match(value)
        if match and 0 < float(match.group(1)) <= 100:
            return value.strip()
    raise ValueError("min_up is a count (2) or a share of the group between 0% and 100% (\"50%\")")


_REMEDIATION_DATES = ("due", "closed_on")


def _one_of(name: str, value: str, allowed: type[StrEnum]) -> str:
    if value not in {v.value for v in allowed}:
        raise ValueError(f"{name}: one of {', '.join(v.value for v in allowed)}, not {value!r}")
    return str(value)


class RemediationFields(BaseModel):
    """The properties of REMEDIATES besides its status (checked when the relation is read)."""

    model_config = ConfigDict(extra="ignore")

    owner: Name = Field(description="who fixes the gap: a person, a team, a role")
    due: Annotated[date, BeforeValidator(iso_date_only)]
    note: Text | None = None
    closed_on: Annotated[date | None, BeforeValidator(iso_date_only)] = Field(
        default=None, description="set when a new attestation closed it")
    closed_by: Name | None = None


class RelationDoc(BaseModel):
    """A relation as imported and exported: `{from, type, to, ...properties}`."""

    model_config = ConfigDict(extra="allow", populate_by_name=True, use_enum_values=True)

    from_: Id = Field(alias="from")
    type: RelType
    to: Id
    redundancy_group: Name | None = None
    min_up: Annotated[Any, AfterValidator(_min_up)] = None
    # ATTESTS: compliant, non_compliant, unknown; REMEDIATES: open, in_progress, done, accepted_risk
    status: Name | None = None
    valid_until: date | None = None
    evidence: Text | None = None
    point: Name | None = None

    @model_validator(mode="before")
    @classmethod
    def _strict_date(cls, data: Any) -> Any:
        # ISO dates only: pydantic would otherwise take a number as a timestamp.
        if isinstance(data, dict):
            for name in ("valid_until", *(_REMEDIATION_DATES if data.get("type") == RelType.REMEDIATES else ())):
                value = data.get(name)
                if value is not None and not isinstance(value, str | date):
                    raise ValueError(f"{name}: an ISO date such as 2027-06-30")
        return data

    @model_validator(mode="after")
    def _type_rules(self) -> RelationDoc:
        rel_type = RelType(self.type)
        if self.redundancy_group is not None and not REL_RULES[rel_type].dependency:
            raise ValueError(f"redundancy_group: {self.type} carries no dependency, so it has no redundancy")
        if self.min_up is not None and self.redundancy_group is None:
            raise ValueError("min_up: only a relation in a redundancy_group has min_up")
        if self.valid_until is not None and rel_type != RelType.ATTESTS:
            raise ValueError("valid_until: only ATTESTS has valid_until")
        if rel_type == RelType.ATTESTS:
            if self.status is None:
                raise ValueError("status: an attestation needs a status (compliant, non_compliant, unknown)")
            _one_of("status", self.status, AttestationStatus)
        elif rel_type == RelType.REMEDIATES:
            self._remediation()
        elif self.status is not None:
            raise ValueError("status: only ATTESTS and REMEDIATES have status")
        _check_extras(self.model_extra, {"from", "to"})
        return self

    def _remediation(self) -> None:
        """owner and due are needed, status defaults to open; dates are stored as ISO text."""
        extra = self.model_extra if self.model_extra is not None else {}
        self.status = _one_of("status", self.status or RemediationStatus.OPEN, RemediationStatus)
        fields = RemediationFields.model_validate({k: extra.get(k) for k in RemediationFields.model_fields
                                                   if extra.get(k) is not None})
        extra.update({k: v.isoformat() if isinstance(v, date) else v
                      for k, v in fields.model_dump(exclude_none=True).items()})

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.from_, str(self.type), self.to)

    def to_properties(self) -> dict[str, Any]:
        """The relationship's stored properties (dates as ISO text)."""
        return stored.relation_to_properties(self.model_dump(exclude_none=True, exclude={"from_", "type", "to"}))


class ModelDocument(BaseModel):
    """The import/export document (for the OpenAPI description; items are checked one by one)."""

    elements: list[dict[str, Any]] = Field(default_factory=list, description="ElementDoc items")
    relations: list[dict[str, Any]] = Field(default_factory=list, description="RelationDoc items")
