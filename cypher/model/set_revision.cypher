// After a bulk load, which made the database anew: the model's revision continues from where it
// stood before, so no reader takes the new model for one it has seen.
MERGE (r:__ModelRevision {id: 'model'})
SET r.value = $revision
RETURN r.value AS revision
