// The naive way, for comparison only: everything that reaches the failed element, each with
// one shortest path to it, by collecting every path (and without redundancy: a lower bound on
// what a naive impact query costs).
MATCH p = (x:Element)-[:INCLUDES|PROVIDED_BY|SUPPLIED_BY|RUNS_ON|DELIVERED_THROUGH|USES|MASTERED_IN|CONNECTS|INTERACTS_WITH|CONSUMES|CARRIES*1..]->(failed:Element {id: $id})
WITH x, p ORDER BY length(p)
WITH x, head(collect([n IN nodes(p) | n.id])) AS path
RETURN x.id AS id, size(path) - 1 AS depth, path
