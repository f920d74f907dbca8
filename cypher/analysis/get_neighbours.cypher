// The elements one relationship away from $ids, either way, and not among them, each with every
// relationship leaving it: the neighbourhood a picture can show around its answer. (Neo4j checks
// `IN $ids` against a set it builds once per query, not by walking the list.)
UNWIND $ids AS id
MATCH (:Element {id: id})--(m:Element)
WHERE NOT m.id IN $ids
WITH DISTINCT m
RETURN properties(m) AS props,
       [(m)-[r]->(t:Element) | {type: type(r), to: t.id, props: properties(r)}] AS out,
       [] AS context
