// The model's revision, and the first revision whose changes history holds.
OPTIONAL MATCH (r:__ModelRevision {id: 'model'})
RETURN coalesce(r.value, 0) AS revision, coalesce(r.history_from, 1) AS history_from
