// Export, streamed: the relationships leaving the next $limit elements after the cursor id
// (a row with a null type marks an element without any, so the cursor still advances).
MATCH (a:Element)
WHERE a.id > $after
WITH a ORDER BY a.id LIMIT $limit
OPTIONAL MATCH (a)-[r]->(b:Element)
RETURN a.id AS from, type(r) AS type, b.id AS to, properties(r) AS props
ORDER BY from, type, to
