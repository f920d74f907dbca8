// Delete relationships identified by (from, type, to); answers what it removed.
UNWIND $rows AS row
MATCH (a:Element {id: row.from})-[r:$(row.type)]->(b:Element {id: row.to})
DELETE r
RETURN row.from AS from, row.type AS type, row.to AS to
