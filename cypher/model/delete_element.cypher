// Delete one element and its relationships; answers its properties and the relationships it
// removed, with theirs (for the model's history).
MATCH (e:Element {id: $id})
OPTIONAL MATCH (e)-[r]-(:Element)
WITH e, properties(e) AS props,
     [x IN collect(CASE WHEN r IS NULL THEN null
                        ELSE {from: startNode(r).id, type: type(r), to: endNode(r).id, props: properties(r)} END)
      WHERE x IS NOT NULL] AS removed
DETACH DELETE e
RETURN props, removed
