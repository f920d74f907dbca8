// Delete one element and its relationships; answers the relationships it removed.
MATCH (e:Element {id: $id})
OPTIONAL MATCH (e)-[r]-(:Element)
WITH e, [x IN collect(CASE WHEN r IS NULL THEN null
                            ELSE {from: startNode(r).id, type: type(r), to: endNode(r).id} END)
         WHERE x IS NOT NULL] AS removed
DETACH DELETE e
RETURN removed
