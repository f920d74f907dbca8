"""The roles a key can hold, each allowing what the one below allows and more."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    READER = "reader"  # every GET, and the analyses that only read (POST /api/v1/impact included)
    EDITOR = "editor"  # reader, and every write of the model
    ADMIN = "admin"  # editor, and keys and the audit trail

    @property
    def rank(self) -> int:
        return _RANK[self]

    def allows(self, needed: Role) -> bool:
        return self.rank >= needed.rank


_RANK = {Role.READER: 0, Role.EDITOR: 1, Role.ADMIN: 2}
