// History holds the model from $revision on: the first change it holds is the next write's.
MERGE (r:__ModelRevision {id: 'model'})
SET r.history_from = $revision + 1
RETURN r.history_from AS history_from
