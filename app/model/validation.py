"""Checks of a model document: each item, then the rules across items and the database.

Every problem is collected with the item's section, index, id and field, so one answer
names them all; nothing is written while any remains.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from app.errors import InvalidInput, client_location
from app.model.documents import ElementDoc, RelationDoc
from app.schema import REL_RULES, ElementType, RelType
from app.stored import resolve_min_up

MAX_REPORTED = 100
_FIELD_PREFIX = re.compile(r"^(?:Value error, )?([a-z_]+): (.*)$", re.DOTALL)


@dataclass
class Problems:
    """Problems found so far, in the shape of the error `details`: the first MAX_REPORTED kept,
    the others only counted (a document of a million bad items costs no more memory than one)."""

    items: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0

    def add(self, section: str, index: int | None, item_id: str | None, field_name: str, reason: str) -> None:
        self.total += 1
        if len(self.items) < MAX_REPORTED:
            self.items.append({"section": section, "index": index, "id": item_id,
                               "field": field_name, "reason": reason})

    def copy(self) -> Problems:
        return Problems(list(self.items), self.total)

    def raise_if_any(self) -> None:
        if not self.items:
            return
        first = self.items[0]
        where = f"{first['section']}[{first['index']}]" if first["index"] is not None else first["section"]
        shown = f"; the first {len(self.items)} in details" if self.total > len(self.items) else " in details"
        more = f" (+{self.total - 1} more{shown})" if self.total > 1 else ""
        raise InvalidInput(f"{where}.{first['field']}: {first['reason']}{more}", self.items)


def _add_validation_error(problems: Problems, section: str, index: int, item: Any,
                          error: ValidationError) -> None:
    item_id = item.get("id") if section == "elements" and isinstance(item, dict) else None
    if section == "relations" and isinstance(item, dict):
        item_id = f"{item.get('from')} -{item.get('type')}-> {item.get('to')}"
    for e in error.errors():
        loc = [str(p) for p in client_location(e["loc"])]
        message = str(e["msg"])
        match = _FIELD_PREFIX.match(message)
        if not loc and match:
            loc, message = [match.group(1)], match.group(2)
        if e["type"] == "enum" and loc and loc[0] == "type":
            message = f"unknown {section[:-1]} type {e.get('input')!r}; expected one of {e['ctx']['expected']}"
        problems.add(section, index, item_id if isinstance(item_id, str) else None,
                     ".".join(loc) or "(item)", message)


@dataclass
class ParsedDocument:
    elements: list[ElementDoc]
    relations: list[RelationDoc]
    # ids of elements that failed their own checks: relations to them are not "dangling"
    invalid_ids: set[str]


def parse_items(document: Any, problems: Problems) -> ParsedDocument:
    """Each element and relation through its model; the document's own shape first."""
    if not isinstance(document, dict):
        problems.add("document", None, None, "(document)", "must be an object with elements and relations")
        return ParsedDocument([], [], set())
    unknown = set(document) - {"elements", "relations"}
    for key in sorted(unknown):
        problems.add("document", None, None, key, "unknown key; a document has elements and relations")
    parsed: dict[str, list[Any]] = {"elements": [], "relations": []}
    invalid_ids: set[str] = set()
    for section, model in (("elements", ElementDoc), ("relations", RelationDoc)):
        items = document.get(section, [])
        if not isinstance(items, list):
            problems.add("document", None, None, section, "must be a list")
            continue
        for index, item in enumerate(items):
            try:
                parsed[section].append(model.model_validate(item))
            except ValidationError as e:
                _add_validation_error(problems, section, index, item, e)
                if section == "elements" and isinstance(item, dict) and isinstance(item.get("id"), str):
                    invalid_ids.add(item["id"])
    return ParsedDocument(parsed["elements"], parsed["relations"], invalid_ids)


def check_duplicates(elements: list[ElementDoc], relations: list[RelationDoc], problems: Problems) -> None:
    seen: dict[str, int] = {}
    for index, element in enumerate(elements):
        if element.id in seen:
            problems.add("elements", index, element.id, "id", f"duplicate id, first at elements[{seen[element.id]}]")
        seen.setdefault(element.id, index)
    seen_rel: dict[tuple[str, str, str], int] = {}
    for index, relation in enumerate(relations):
        if relation.key in seen_rel:
            problems.add("relations", index, relation.from_, "to",
                         f"duplicate relation, first at relations[{seen_rel[relation.key]}]")
        seen_rel.setdefault(relation.key, index)


def check_relations(relations: list[RelationDoc], types: Mapping[str, str], invalid_ids: set[str],
                    problems: Problems) -> None:
    """Both ends exist (in the document or the database) and the type pair is allowed."""
    for index, r in enumerate(relations):
        ends = {"from": r.from_, "to": r.to}
        if invalid_ids.intersection(ends.values()):
            continue  # that element's own problem is reported already
        missing = [name for name, ref in ends.items() if ref not in types]
        for name in missing:
            problems.add("relations", index, r.from_, name,
                         f"no element {ends[name]!r} in the document or the database")
        if missing:
            continue
        rule = REL_RULES[RelType(r.type)]
        source, target = ElementType(types[r.from_]), ElementType(types[r.to])
        if not rule.allows(source, target):
            problems.add("relations", index, r.from_, "type",
                         f"{r.type} cannot go from {source} to {target}; it goes from "
                         f"{sorted(t.value for t in rule.sources)} to {sorted(t.value for t in rule.targets)}")


def check_groups_and_masters(relations: list[RelationDoc], existing: Mapping[tuple[str, str, str], dict[str, Any]],
                             problems: Problems) -> None:
    """One MASTERED_IN per information object; a redundancy group's min_up is consistent and fits.
    `existing`: the stored relationships around the document, by key, with their properties."""
    index_of = {r.key: i for i, r in enumerate(relations)}
    final: dict[tuple[str, str, str], dict[str, Any]] = dict(existing)
    final.update({r.key: r.to_properties() for r in relations})
    masters: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    groups: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for key, props in final.items():
        if key[1] == RelType.MASTERED_IN:
            masters[key[0]].append(key)
        if props.get("redundancy_group") is not None:
            groups[(key[0], props["redundancy_group"])].append(key)
    touched = set(index_of)  # only what this document changes is its problem
    for source, keys in masters.items():
        if len(keys) > 1 and touched.intersection(keys):
            culprit = max(keys, key=lambda k: index_of.get(k, -1))
            problems.add("relations", index_of.get(culprit), source, "type",
                         f"{source} would have {len(keys)} MASTERED_IN ({', '.join(sorted(k[2] for k in keys))}); "
                         "an information object has at most one")
    for (source, group), keys in groups.items():
        if touched.intersection(keys):
            _check_group(source, group, keys, final, index_of, problems)


def _check_group(source: str, group: str, keys: list[tuple[str, str, str]],
                 final: Mapping[tuple[str, str, str], dict[str, Any]],
                 index_of: Mapping[tuple[str, str, str], int], problems: Problems) -> None:
    values = {repr(final[k].get("min_up")) for k in keys}
    culprit = max(keys, key=lambda k: index_of.get(k, -1))
    if len(values) > 1:
        problems.add("relations", index_of.get(culprit), source, "min_up",
                     f"redundancy group {group!r} of {source} has different min_up values {sorted(values)}; "
                     "give the same on every member or on none")
        return
    min_up = resolve_min_up(final[keys[0]].get("min_up"), len(keys))
    if not 1 <= min_up <= len(keys):
        problems.add("relations", index_of.get(culprit), source, "min_up",
                     f"redundancy group {group!r} of {source} needs {min_up} of {len(keys)} members; "
                     "min_up must come to between 1 and the group's size")
