// Count one more change of the model, in the same transaction as the change: readers that keep
// derived data (the whole-model graph of the graph-wide analyses) know when to read it again.
MERGE (r:__ModelRevision {id: 'model'})
SET r.value = coalesce(r.value, 0) + 1
RETURN r.value AS revision
