// After a bulk load: the relationship properties the offline importer's typed columns could not
// hold, set as an import through Cypher sets them.
UNWIND $rows AS row
MATCH (:Element {id: row.from})-[r]->(:Element {id: row.to})
WHERE type(r) = row.type
SET r += row.props
RETURN count(r) AS written
