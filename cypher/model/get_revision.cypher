// How many changes the model has seen (0 before the first).
OPTIONAL MATCH (r:__ModelRevision {id: 'model'})
RETURN coalesce(r.value, 0) AS revision
