// Append one applied migration to the chain: (previous)-[:MIGRATED_TO]->(this).
MERGE (base:$($label) {version: 'BASELINE'})
WITH base
OPTIONAL MATCH (last:$($label))
WHERE last.version <> 'BASELINE' AND NOT (last)-[:MIGRATED_TO]->()
WITH coalesce(last, base) AS previous
CREATE (previous)-[:MIGRATED_TO {at: datetime(), in_ms: $duration_ms}]->
       (m:$($label) {version: $version, description: $description, checksum: $checksum,
                     installedOn: datetime(), installedBy: $installed_by})
