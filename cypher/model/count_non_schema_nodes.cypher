// Nodes other than the schema's bookkeeping (migrations, counters): elements, keys, audit
// entries. A bulk load replaces the whole database, so it runs only where this is 0.
MATCH (n)
WHERE NOT (n:__Neo4jMigration OR n:__ModelRevision OR n:__AuditSequence)
RETURN count(n) AS nodes
