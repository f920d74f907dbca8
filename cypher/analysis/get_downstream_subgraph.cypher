// Every element that needs one of the roots, transitively (the roots included): where their
// failure can travel. Planned as a pruning breadth-first search like get_upstream_subgraph:
// each element once, no path enumeration, cycles terminate. Returned like get_upstream_subgraph.
UNWIND $ids AS id
MATCH (root:Element {id: id})<-[:INCLUDES|PROVIDED_BY|SUPPLIED_BY|RUNS_ON|DELIVERED_THROUGH|USES|MASTERED_IN|CONNECTS|INTERACTS_WITH|CONSUMES|CARRIES*0..]-(x)
WITH DISTINCT x
RETURN properties(x) AS props,
       [(x)-[r]->(m:Element) | {type: type(r), to: m.id, props: properties(r)}] AS out,
       [(s:Element)-[r:COVERS|OWNS|CONSUMES]->(x) | s.id] AS context
