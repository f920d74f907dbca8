// One element with all its direct relationships, both directions.
MATCH (e:Element {id: $id})
OPTIONAL MATCH (e)-[r]-(:Element)
RETURN properties(e) AS props,
       [x IN collect(CASE WHEN r IS NULL THEN null
                          ELSE {from: startNode(r).id, type: type(r), to: endNode(r).id, props: properties(r)} END)
        WHERE x IS NOT NULL] AS relations
