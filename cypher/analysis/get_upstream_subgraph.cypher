// The upstream dependency closure of the roots (the roots included) with every relationship
// leaving its elements, and the ids of the agreements, owners and customers pointing at them.
// ANY SHORTEST runs one breadth-first search per root over the dependency-carrying types
// (schema.DEPENDENCY_TYPES), so each element is reached once: paths are never enumerated and
// cycles terminate.
UNWIND $ids AS id
MATCH (root:Element {id: id})
MATCH p = ANY SHORTEST (root)-[:INCLUDES|PROVIDED_BY|SUPPLIED_BY|RUNS_ON|DELIVERED_THROUGH|USES|MASTERED_IN|CONNECTS|INTERACTS_WITH|CONSUMES]->*(x:Element)
WITH DISTINCT x
RETURN properties(x) AS props,
       [(x)-[r]->(m:Element) | {type: type(r), to: m.id, props: properties(r)}] AS out,
       [(s:Element)-[r:COVERS|OWNS|CONSUMES]->(x) | s.id] AS context
