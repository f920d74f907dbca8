// What one write changed, in the write's own transaction: parts of at most a thousand changes,
// each a JSON list of [kind, key, before, after] (stored properties; null before = added, null
// after = removed).
UNWIND $parts AS part
CREATE (:ModelChange {revision: $revision, part: part.part, at: datetime(), changes_json: part.changes_json})
RETURN count(*) AS parts
