// The naive way, for comparison only: everything that reaches the failed element, at the length
// of its shortest path, found by enumerating every path (and without redundancy: a lower bound
// on what a naive impact query costs).
MATCH p = (x:Element)-[:INCLUDES|PROVIDED_BY|SUPPLIED_BY|RUNS_ON|DELIVERED_THROUGH|USES|MASTERED_IN|CONNECTS|INTERACTS_WITH|CONSUMES*1..]->(failed:Element {id: $id})
RETURN x.id AS id, min(length(p)) AS depth
