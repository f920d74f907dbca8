// Every element that needs one of the roots, transitively (the roots included): where their
// failure can travel. Breadth first (ANY SHORTEST), each element once, cycles terminate.
// Returned like get_upstream_subgraph.
UNWIND $ids AS id
MATCH (root:Element {id: id})
MATCH p = ANY SHORTEST (root)<-[:INCLUDES|PROVIDED_BY|SUPPLIED_BY|RUNS_ON|DELIVERED_THROUGH|USES|MASTERED_IN|CONNECTS|INTERACTS_WITH|CONSUMES]-*(x:Element)
WITH DISTINCT x
RETURN properties(x) AS props,
       [(x)-[r]->(m:Element) | {type: type(r), to: m.id, props: properties(r)}] AS out,
       [(s:Element)-[r:COVERS|OWNS|CONSUMES]->(x) | s.id] AS context
