"""Who is asking: the caller a request's key stands for, with a partner's scope loaded."""

from __future__ import annotations

from dataclasses import dataclass

from app.access.keys import find_key, touch_key
from app.access.roles import Role
from app.access.scope import Scope, load_scope
from app.db.database import Database, Tx
from app.revision_cache import RevisionCache


@dataclass(frozen=True)
class Caller:
    name: str | None  # the key's name; None for an anonymous read (SIGRAPH_AUTH=writes)
    role: Role
    organization: str | None = None
    scope: Scope | None = None  # a partner key's part of the graph; None: everything
    revision: int | None = None  # the model revision read with the key (None: not read)

    @property
    def actor(self) -> str:
        """The name the audit trail records."""
        return self.name or "anonymous"


ANONYMOUS_READER = Caller(name=None, role=Role.READER)


def authenticate(db: Database, scopes: RevisionCache[Scope], token: str) -> Caller | None:
    """The caller a token stands for; None when the key is unknown or revoked.

    Every call asks the database, so a key revoked on any instance is refused here from the next
    request on. A partner's scope is kept per process with the model revision it was computed at,
    read in the same transaction as the key, so it is recomputed only after the model changed.
    """

    def work(tx: Tx) -> tuple[Caller | None, bool]:
        key = find_key(tx, token)
        if key is None:
            return None, False
        scope = _scope(scopes, tx, key.organization, key.revision) if key.organization else None
        return Caller(name=key.name, role=key.role, organization=key.organization, scope=scope,
                      revision=key.revision), key.stale

    caller, stale = db.read(work)
    if caller is not None and caller.name and stale:
        touch_key(db, caller.name)
    return caller


def _scope(scopes: RevisionCache[Scope], tx: Tx, organization: str, revision: int) -> Scope:
    scope = scopes.get(organization, revision)
    if scope is None:
        scope = load_scope(tx, organization)
        scopes.put(organization, revision, scope)
    return scope
