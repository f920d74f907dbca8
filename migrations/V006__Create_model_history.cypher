// Model history (issue 13): what each write changed, kept per revision in parts, read by revision.
CREATE INDEX model_change_revision IF NOT EXISTS FOR (c:ModelChange) ON (c.revision);

// History starts with the next write: the model as it stood before it cannot be told.
MERGE (r:__ModelRevision {id: 'model'})
ON CREATE SET r.value = 0
SET r.history_from = coalesce(r.history_from, coalesce(r.value, 0) + 1);
