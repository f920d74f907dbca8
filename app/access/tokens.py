"""API tokens: random, shown once, stored only as a hash."""

from __future__ import annotations

import hashlib
import secrets

PREFIX = "sgk_"
_RANDOM_BYTES = 32  # 256 bits


def new_token() -> str:
    """A fresh token: the prefix (so scanners and people recognise it) and 256 random bits."""
    return PREFIX + secrets.token_urlsafe(_RANDOM_BYTES)


def token_hash(token: str) -> str:
    """SHA-256 of the token. Tokens carry 256 random bits, so a fast hash is safe: nobody can
    guess one from its hash, and a slow one would cost every request its time."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()
