// Record that a key was used; at most once per $touch_every_s seconds, so requests stay reads.
MATCH (k:ApiKey {name: $name})
WHERE k.last_used_at IS NULL OR k.last_used_at < datetime() - duration({seconds: $touch_every_s})
SET k.last_used_at = datetime()
