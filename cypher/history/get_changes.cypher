// The changes of revisions after $after up to $until, in the order they were made.
MATCH (c:ModelChange)
WHERE $after < c.revision <= $until
RETURN c.revision AS revision, c.changes_json AS changes_json
ORDER BY c.revision, c.part
