// Every element with every relationship leaving it: for the graph-wide analyses.
// In batches of $batch elements per row: the driver spends most of its time per row, so the
// whole model comes back faster as a few hundred large rows than as one row per element.
MATCH (n:Element)
WITH collect(n) AS everything
UNWIND range(0, size(everything) - 1, $batch) AS start
RETURN [n IN everything[start..start + $batch] |
        {props: properties(n),
         out: [(n)-[r]->(m:Element) | {type: type(r), to: m.id, props: properties(r)}],
         context: []}] AS elements
