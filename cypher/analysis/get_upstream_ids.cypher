// Every element the roots need, transitively, over the dependency-carrying relationships
// (schema.DEPENDENCY_TYPES). ANY SHORTEST runs one breadth-first search per root
// (StatefulShortestPath): each element is reached once, paths are never enumerated,
// cycles terminate. The roots themselves are included (zero hops).
UNWIND $ids AS id
MATCH (root:Element {id: id})
MATCH p = ANY SHORTEST (root)-[:INCLUDES|PROVIDED_BY|SUPPLIED_BY|RUNS_ON|DELIVERED_THROUGH|USES|MASTERED_IN|CONNECTS|INTERACTS_WITH|CONSUMES]->*(x:Element)
RETURN DISTINCT x.id AS id
