// Revoke a key by name; revoking twice keeps the first time.
MATCH (k:ApiKey {name: $name})
SET k.revoked_at = coalesce(k.revoked_at, datetime())
RETURN k {.name, .role, .organization, .created_at, .created_by, .last_used_at, .revoked_at} AS key
