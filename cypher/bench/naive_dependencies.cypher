// The naive way, for comparison only: the depth of each dependency as the shortest of all paths.
// min(length(p)) needs every path, so the variable-length pattern enumerates them all
// (exponential on a DAG with shared parts).
MATCH p = (root:Element {id: $id})-[:INCLUDES|PROVIDED_BY|SUPPLIED_BY|RUNS_ON|DELIVERED_THROUGH|USES|MASTERED_IN|CONNECTS|INTERACTS_WITH|CONSUMES*1..]->(x:Element)
RETURN x.id AS id, min(length(p)) AS depth
