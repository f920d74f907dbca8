// The key a request presents, found by the hash of its token (unique index), with the model
// revision, by which a partner's scope computed earlier is known to be still true.
MATCH (k:ApiKey {token_hash: $token_hash})
OPTIONAL MATCH (r:__ModelRevision {id: 'model'})
RETURN k.name AS name, k.role AS role, k.organization AS organization,
       k.revoked_at IS NOT NULL AS revoked,
       k.last_used_at IS NULL OR k.last_used_at < datetime() - duration({seconds: $touch_every_s}) AS stale,
       coalesce(r.value, 0) AS revision
