"""The model's history: what each write changed, recorded in the write's own transaction, and the
model as it stood at any revision history still holds.

A write that makes revision R stores what it touched as `(:ModelChange {revision: R, part,
changes_json})` nodes, each a list of at most PART `[kind, key, before]` items: the item's stored
properties before the write, null for what the write added. Only the values before are kept:
the model at revision R is the model now with every item touched after R set back to its value
before the first write that touched it, and the values after a write are those of the model at
the write's revision; so a first load of N items keeps N keys, not a second copy of the model.
The difference between two revisions compares the two models on the items touched between them.
Retention (SIGRAPH_HISTORY_KEEP) drops the oldest changes; `history_from` on the revision node is
the first revision still held.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from app.config import get_settings
from app.db.database import Tx
from app.errors import BadParameter, Gone

PART = 1_000  # changes per stored part
_PARTS_PER_QUERY = 20  # parts sent per query: a million changes do not travel as one parameter

Kind = Literal["element", "relation"]
RelKey = tuple[str, str, str]
Props = dict[str, Any]
Item = tuple[Kind, str | RelKey]


@dataclass(frozen=True)
class Change:
    """One element or relationship a write touched, as the write found it (None: it added it)."""

    kind: Kind
    key: str | RelKey
    before: Props | None

    @property
    def item(self) -> Item:
        return self.kind, self.key


def element_change(element_id: str, before: Props | None) -> Change:
    return Change("element", element_id, before)


def relation_change(key: RelKey, before: Props | None) -> Change:
    return Change("relation", key, before)


@dataclass(frozen=True)
class Keep:
    """How much history is kept: the last `revisions`, or the changes of the last `days`; 0 revisions: none."""

    revisions: int | None = None
    days: int | None = None

    @classmethod
    def parse(cls, text: str) -> Keep:
        if not re.fullmatch(r"0|[1-9][0-9]{0,8}d?", text):
            raise ValueError(f"SIGRAPH_HISTORY_KEEP: a number of revisions (500) or days (180d), not {text!r}")
        return cls(days=int(text[:-1])) if text.endswith("d") else cls(revisions=int(text))

    @property
    def nothing(self) -> bool:
        return self.revisions == 0


def kept() -> Keep:
    """The retention in force (SIGRAPH_HISTORY_KEEP)."""
    return Keep.parse(get_settings().history_keep)


def record(tx: Tx, revision: int, changes: Iterable[Change], keep: Keep | None = None) -> None:
    """Store what the write that made `revision` changed, then drop what retention lets go."""
    keep = keep or kept()
    if keep.nothing:  # no changes kept: the model before this write can no longer be told
        start_at(tx, revision)
        return
    parts: list[dict[str, Any]] = []
    chunk: list[list[Any]] = []
    for change in changes:
        key = list(change.key) if isinstance(change.key, tuple) else change.key
        chunk.append([change.kind, key, change.before])
        if len(chunk) == PART:
            parts.append({"part": len(parts), "changes_json": json.dumps(chunk)})
            chunk = []
    if chunk:
        parts.append({"part": len(parts), "changes_json": json.dumps(chunk)})
    for start in range(0, len(parts), _PARTS_PER_QUERY):
        tx.rows("history/record_changes", revision=revision, parts=parts[start:start + _PARTS_PER_QUERY])
    compact(tx, revision, keep)


def start_at(tx: Tx, revision: int) -> None:
    """History holds the model from `revision` on (after a bulk load, which made the database anew:
    a copy of everything it loaded would double the store, and the model before it was empty)."""
    tx.rows("history/start_at", revision=revision)


def compact(tx: Tx, revision: int, keep: Keep) -> None:
    """Drop the changes retention no longer keeps, at `revision`."""
    until = revision - keep.revisions if keep.revisions else 0
    tx.rows("history/compact", until=until, days=keep.days)


# -- reading --------------------------------------------------------------------------------


@dataclass
class ModelState:
    """The model as stored properties: elements by id, relationships by (from, type, to)."""

    revision: int
    elements: dict[str, Props] = field(default_factory=dict)
    relations: dict[RelKey, Props] = field(default_factory=dict)


@dataclass(frozen=True)
class Bounds:
    revision: int  # the model's revision now
    oldest: int  # the oldest revision whose model history can tell


def bounds(tx: Tx) -> Bounds:
    row = tx.single("history/get_bounds")
    revision, history_from = (int(row["revision"]), int(row["history_from"])) if row else (0, 1)
    return Bounds(revision, min(revision, history_from - 1))


def check_revision(found: Bounds, revision: int, name: str = "revision") -> None:
    """A 400 for a revision the model has not reached, a 410 for one history no longer holds."""
    if revision < 0 or revision > found.revision:
        raise BadParameter(f"{name}: the model is at revision {found.revision}; {revision} is not one of its revisions",
                           [{"field": name, "reason": f"between {found.oldest} and {found.revision}"}])
    if revision < found.oldest:
        raise Gone(f"{name}: history holds the model from revision {found.oldest} on (SIGRAPH_HISTORY_KEEP); "
                   f"{revision} is older", [{"field": name, "reason": f"older than {found.oldest}"}])


def changes_between(tx: Tx, after: int, until: int) -> Iterator[Change]:
    """What the writes of the revisions after `after` up to `until` touched, in the order they wrote."""
    for row in tx.rows("history/get_changes", after=after, until=until):
        for kind, key, before, *_ in json.loads(row["changes_json"]):  # (an early form also kept the value after)
            yield Change(kind, tuple(key) if kind == "relation" else key, before)


def first_values(changes: Iterable[Change]) -> dict[Item, Props | None]:
    """Each item touched, with its value before the first change of it."""
    found: dict[Item, Props | None] = {}
    for change in changes:
        found.setdefault(change.item, change.before)
    return found


def touched(tx: Tx, after: int, until: int) -> set[Item]:
    """The items the writes after `after` up to `until` touched."""
    return {change.item for change in changes_between(tx, after, until)}


def current_state(tx: Tx) -> ModelState:
    """The model now, read in `tx` (the whole-model query the graph-wide analyses read)."""
    state = ModelState(bounds(tx).revision)
    for batch in tx.stream("analysis/get_whole_graph", batch=1_000):
        for element in batch["elements"]:
            props = element["props"]
            state.elements[props["id"]] = props
            for out in element["out"]:
                state.relations[(props["id"], out["type"], out["to"])] = out["props"]
    return state


def state_at(tx: Tx, revision: int) -> ModelState:
    """The model as it stood at `revision` (checked: 400 or 410 when history cannot tell it)."""
    check_revision(bounds(tx), revision)
    state = current_state(tx)
    undo(state, revision, first_values(changes_between(tx, revision, state.revision)))
    return state


def undo(state: ModelState, revision: int, values: dict[Item, Props | None]) -> None:
    """Set each item back to its value before the writes `values` come from: `state` is then at `revision`."""
    for (kind, key), before in values.items():
        items: dict[Any, Props] = state.elements if kind == "element" else state.relations
        if before is None:
            items.pop(key, None)
        else:
            items[key] = before
    state.revision = revision


def value_of(state: ModelState, item: Item) -> Props | None:
    kind, key = item
    items: dict[Any, Props] = state.elements if kind == "element" else state.relations
    return items.get(key)


def states_at(tx: Tx, earlier: int, later: int) -> tuple[ModelState, ModelState, set[Item]]:
    """The model at `earlier` and at `later` (both checked), and the items touched between them."""
    found = bounds(tx)
    check_revision(found, earlier, "from")
    check_revision(found, later, "to")
    at_later = current_state(tx)
    undo(at_later, later, first_values(changes_between(tx, later, at_later.revision)))
    between = list(changes_between(tx, earlier, later))
    at_earlier = ModelState(later, copy.copy(at_later.elements), copy.copy(at_later.relations))
    undo(at_earlier, earlier, first_values(between))
    return at_earlier, at_later, {change.item for change in between}
