// Create or overwrite relationships of one type ($type from the schema's RelType list).
// Both ends must exist: the caller compares `written` with the number of rows.
UNWIND $rows AS row
MATCH (a:Element {id: row.from})
MATCH (b:Element {id: row.to})
MERGE (a)-[r:$($type)]->(b)
SET r = row.props
RETURN count(r) AS written
