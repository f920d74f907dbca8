// Every relationship of the model (replace mode compares the document against it).
MATCH (a:Element)-[r]->(b:Element)
RETURN a.id AS from, type(r) AS type, b.id AS to, properties(r) AS props
