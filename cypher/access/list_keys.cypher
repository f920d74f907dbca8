// Every API key, revoked ones included, by name (never a hash).
MATCH (k:ApiKey)
RETURN k {.name, .role, .organization, .created_at, .created_by, .last_used_at, .revoked_at} AS key
ORDER BY k.name
