// Every model node is an :Element with a unique string id (spec/model.md, invariants).
CREATE CONSTRAINT element_id_unique IF NOT EXISTS
FOR (e:Element) REQUIRE e.id IS UNIQUE;

// The migration chain itself: one node per version.
CREATE CONSTRAINT migration_version_unique IF NOT EXISTS
FOR (m:__Neo4jMigration) REQUIRE m.version IS UNIQUE;
