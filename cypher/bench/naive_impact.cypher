// The naive way, for comparison only: everything that reaches the failed element over any path
// (reachability alone, without redundancy: a lower bound on what a naive impact query costs).
MATCH (x:Element)-[:INCLUDES|PROVIDED_BY|SUPPLIED_BY|RUNS_ON|DELIVERED_THROUGH|USES|MASTERED_IN|CONNECTS|INTERACTS_WITH|CONSUMES*1..]->(failed:Element {id: $id})
RETURN DISTINCT x.id AS id
