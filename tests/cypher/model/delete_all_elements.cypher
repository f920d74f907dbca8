// Remove every model element and its relationships (never the migration chain), and count the
// change like every other (see bump_revision).
MATCH (e:Element)
DETACH DELETE e
WITH count(*) AS deleted
MERGE (r:__ModelRevision {id: 'model'})
SET r.value = coalesce(r.value, 0) + 1
RETURN deleted
