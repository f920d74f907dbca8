// Take the model's write lock (on its revision node) before anything else in a write transaction:
// model writes then run one at a time, and each sees what the one before it committed (two
// replace imports at once would otherwise each delete what they saw and keep both documents).
MERGE (r:__ModelRevision {id: 'model'})
SET r.locked = true
REMOVE r.locked
RETURN coalesce(r.value, 0) AS revision
