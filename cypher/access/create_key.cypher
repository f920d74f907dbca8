// A new API key; only the token's hash is stored. The name is unique (constraint in V003).
CREATE (k:ApiKey {name: $name, role: $role, organization: $organization, token_hash: $token_hash,
                  created_at: datetime(), created_by: $created_by})
RETURN k {.name, .role, .organization, .created_at, .created_by, .last_used_at, .revoked_at} AS key
