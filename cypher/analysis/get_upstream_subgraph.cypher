// The upstream dependency closure of the roots (the roots included) with every relationship
// leaving its elements, and the ids of the agreements, owners and customers pointing at them.
// Only the distinct end nodes of the variable-length pattern are used, so Neo4j plans it as
// VarLengthExpand(Pruning,BFS): a breadth-first search that reaches each element once, never
// enumerates paths, and terminates on cycles (a test checks the plan). The depths and paths of
// the answers are computed from this subgraph, not here. `x` carries no label on purpose: with
// one, a planner that sees few elements may scan the label and expand into each x (enumerating).
UNWIND $ids AS id
MATCH (root:Element {id: id})-[:INCLUDES|PROVIDED_BY|SUPPLIED_BY|RUNS_ON|DELIVERED_THROUGH|USES|MASTERED_IN|CONNECTS|INTERACTS_WITH|CONSUMES|CARRIES*0..]->(x)
WITH DISTINCT x
RETURN properties(x) AS props,
       [(x)-[r]->(m:Element) | {type: type(r), to: m.id, props: properties(r)}] AS out,
       [(s:Element)-[r:COVERS|OWNS|CONSUMES]->(x) | s.id] AS context
