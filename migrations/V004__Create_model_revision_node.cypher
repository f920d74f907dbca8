// The node that counts model revisions, and whose lock every model write takes first: made once
// here, under a uniqueness constraint, so that no two first writers make two of it.
CREATE CONSTRAINT model_revision_id_unique IF NOT EXISTS
FOR (r:__ModelRevision) REQUIRE r.id IS UNIQUE;

MERGE (r:__ModelRevision {id: 'model'})
ON CREATE SET r.value = 0;
