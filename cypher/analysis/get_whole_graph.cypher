// Every element with every relationship leaving it: for the graph-wide analyses.
MATCH (n:Element)
RETURN properties(n) AS props,
       [(n)-[r]->(m:Element) | {type: type(r), to: m.id, props: properties(r)}] AS out,
       [] AS context
