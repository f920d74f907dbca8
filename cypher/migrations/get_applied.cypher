// The applied migrations, oldest first (the chain below the BASELINE node).
// $label is the chain's label: __Neo4jMigration, or a throwaway one in tests.
MATCH (m:$($label))
WHERE m.version <> 'BASELINE'
RETURN m.version AS version, m.description AS description, m.checksum AS checksum,
       toString(m.installedOn) AS installed_on
ORDER BY m.version
