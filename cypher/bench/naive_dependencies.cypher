// The naive way, for comparison only: the same question as the dependencies answer (each
// element with its depth and one shortest path), asked by collecting every path of a
// variable-length pattern: exponential on a DAG with shared parts. (Asked for the distinct
// elements or min(length(p)) alone, Neo4j 5 plans a pruning breadth-first search instead.)
MATCH p = (root:Element {id: $id})-[:INCLUDES|PROVIDED_BY|SUPPLIED_BY|RUNS_ON|DELIVERED_THROUGH|USES|MASTERED_IN|CONNECTS|INTERACTS_WITH|CONSUMES|CARRIES*1..]->(x:Element)
WITH x, p ORDER BY length(p)
WITH x, head(collect([n IN nodes(p) | n.id])) AS path
RETURN x.id AS id, size(path) - 1 AS depth, path
