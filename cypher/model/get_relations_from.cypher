// Every relationship leaving the elements $ids, with its properties.
UNWIND $ids AS id
MATCH (a:Element {id: id})-[r]->(b:Element)
RETURN a.id AS from, type(r) AS type, b.id AS to, properties(r) AS props
