// Delete relationships identified by (from, type, to); answers what it removed.
UNWIND $rows AS row
MATCH (a:Element {id: row.from})-[r]->(b:Element {id: row.to})
WHERE type(r) = row.type
DELETE r
RETURN row.from AS from, row.type AS type, row.to AS to
