"""Data access: the driver, the named Cypher queries and the schema migrations."""
