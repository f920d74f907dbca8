// The naive way, for comparison only: a variable-length pattern enumerates every path from the
// root before DISTINCT folds them (exponential on a DAG with shared parts).
MATCH (root:Element {id: $id})-[:INCLUDES|PROVIDED_BY|SUPPLIED_BY|RUNS_ON|DELIVERED_THROUGH|USES|MASTERED_IN|CONNECTS|INTERACTS_WITH|CONSUMES*1..]->(x:Element)
RETURN DISTINCT x.id AS id
