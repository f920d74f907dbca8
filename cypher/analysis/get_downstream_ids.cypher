// Every element that needs one of the roots, transitively (the reverse of get_upstream_ids):
// where a failure of the roots can travel. Breadth first, each element once, cycles terminate.
UNWIND $ids AS id
MATCH (root:Element {id: id})
MATCH p = ANY SHORTEST (root)<-[:INCLUDES|PROVIDED_BY|SUPPLIED_BY|RUNS_ON|DELIVERED_THROUGH|USES|MASTERED_IN|CONNECTS|INTERACTS_WITH|CONSUMES]-*(x:Element)
RETURN DISTINCT x.id AS id
