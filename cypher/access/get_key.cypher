// One API key by name, revoked or not (never its hash).
MATCH (k:ApiKey {name: $name})
RETURN k {.name, .role, .organization, .created_at, .created_by, .last_used_at, .revoked_at} AS key
