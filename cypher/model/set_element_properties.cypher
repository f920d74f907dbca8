// After a bulk load: the properties the offline importer's typed columns could not hold
// (an empty list, a list of mixed types), set as an import through Cypher sets them.
UNWIND $rows AS row
MATCH (e:Element {id: row.id})
SET e += row.props
RETURN count(e) AS written
