"""Is the database there, which Neo4j, which schema version."""
