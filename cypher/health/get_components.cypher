// The server's product name, version and edition: proof that a real Neo4j answers.
CALL dbms.components() YIELD name, versions, edition
RETURN name, versions[0] AS version, edition
