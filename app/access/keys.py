"""API keys: create (the token is shown once), list, revoke, and find the key a request presents.

Keys live in Neo4j, so every instance of the service sees the same keys, and a revoked key is
refused by every instance on its next request: nothing about a key is cached between requests.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, computed_field

from app.access.roles import Role
from app.access.tokens import new_token, token_hash
from app.audit import trail
from app.db.database import Database, Row, Tx
from app.db.values import native
from app.errors import Conflict, InvalidInput, NotFound

# Lower case only, so that no two names differ by case alone.
KEY_NAME_PATTERN = r"^[a-z0-9][a-z0-9_.@-]{0,63}$"
KeyName = Annotated[str, StringConstraints(pattern=KEY_NAME_PATTERN)]
# last_used_at is written at most this often per key, so most requests stay pure reads.
TOUCH_EVERY_S = 60


class KeyRequest(BaseModel):
    """A key to create. With `organization` it is a partner key: a reader that sees that
    organisation's part of the graph only. Unknown fields are refused: `organisation` misspelt
    must not quietly make a key that sees everything."""

    model_config = ConfigDict(extra="forbid")

    name: KeyName = Field(description="unique for ever: lower-case letters, digits and _ . @ -, at most 64")
    role: Role = Field(description="reader, editor or admin; a partner key is a reader")
    organization: Annotated[str, StringConstraints(min_length=1, max_length=200)] | None = Field(
        default=None, description="the id of an Organization: makes a partner key")


class KeyInfo(BaseModel):
    """A key as listed: never its token, never its hash."""

    name: str
    role: Role
    organization: str | None
    created_at: datetime
    created_by: str
    last_used_at: datetime | None = Field(description=f"to within {TOUCH_EVERY_S} seconds")
    revoked_at: datetime | None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def active(self) -> bool:
        return self.revoked_at is None


class CreatedKey(KeyInfo):
    token: str = Field(description="shown this once: send it as `Authorization: Bearer <token>`")


class KeyList(BaseModel):
    keys: list[KeyInfo]


class Presented(BaseModel):
    """The key a request presented, once found and not revoked."""

    name: str
    role: Role
    organization: str | None
    stale: bool  # its last use was recorded long enough ago to record this one
    revision: int  # the model revision seen in the same transaction


def _info(row: Row) -> KeyInfo:
    key = row["key"]
    return KeyInfo(name=key["name"], role=key["role"], organization=key["organization"],
                   created_at=native(key["created_at"]), created_by=key["created_by"],
                   last_used_at=native(key["last_used_at"]), revoked_at=native(key["revoked_at"]))


def create_key(*, db: Database, request: KeyRequest, actor: str) -> CreatedKey:
    """Make a key and answer its token, which is not stored and cannot be shown again."""
    if request.organization is not None and request.role != Role.READER:
        raise InvalidInput("role: a partner key (with an organization) is a reader",
                           [{"field": "role", "reason": f"{request.role} with organization; use reader"}])
    token = new_token()

    def taken() -> Conflict:
        return Conflict(f"name: a key named {request.name!r} exists (names are never reused, even revoked)",
                        [{"field": "name", "reason": "taken"}])

    def work(tx: Tx) -> KeyInfo:
        if tx.single("access/get_key", name=request.name) is not None:
            raise taken()
        if request.organization is not None:
            found = tx.single("model/get_elements_by_ids", ids=[request.organization])
            if found is None or found["type"] != "Organization":
                raise InvalidInput(f"organization: no organization {request.organization!r}",
                                   [{"field": "organization", "reason": "not the id of an Organization"}])
        row = tx.single("access/create_key", name=request.name, role=request.role.value,
                        organization=request.organization, token_hash=token_hash(token), created_by=actor)
        trail.record(tx, who=actor, action="key.create", target=request.name, ids=[request.name])
        assert row is not None
        return _info(row)

    try:
        info = db.write(work)
    except Conflict as e:
        if e.details == taken().details:
            raise
        raise taken() from e  # the same name created at the same moment: the constraint refused the second
    return CreatedKey(**info.model_dump(exclude={"active"}), token=token)


def list_keys(*, db: Database) -> KeyList:
    return KeyList(keys=[_info(r) for r in db.read_rows("access/list_keys")])


def revoke_key(*, db: Database, name: str, actor: str) -> KeyInfo:
    """Revoke a key by name: every instance refuses it from its next request on."""

    def work(tx: Tx) -> KeyInfo:
        row = tx.single("access/revoke_key", name=name)
        if row is None:
            raise NotFound(f"no key named {name!r}")
        trail.record(tx, who=actor, action="key.revoke", target=name, ids=[name])
        return _info(row)

    return db.write(work)


def find_key(tx: Tx, token: str) -> Presented | None:
    """The active key with this token; None when it is unknown or revoked."""
    row = tx.single("access/get_key_by_token_hash", token_hash=token_hash(token), touch_every_s=TOUCH_EVERY_S)
    if row is None or row["revoked"]:
        return None
    return Presented(name=row["name"], role=row["role"], organization=row["organization"], stale=row["stale"],
                     revision=row["revision"])


def touch_key(db: Database, name: str) -> None:
    """Record the key's use (at most once a minute: see TOUCH_EVERY_S)."""
    db.write(lambda tx: tx.rows("access/touch_key", name=name, touch_every_s=TOUCH_EVERY_S))
