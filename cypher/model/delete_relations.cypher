// Delete relationships identified by (from, type, to); answers what it removed, with the
// properties it had (for the model's history).
UNWIND $rows AS row
MATCH (a:Element {id: row.from})-[r]->(b:Element {id: row.to})
WHERE type(r) = row.type
WITH row, r, properties(r) AS props
DELETE r
RETURN row.from AS from, row.type AS type, row.to AS to, props
