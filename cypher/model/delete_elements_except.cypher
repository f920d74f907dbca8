// Replace mode: remove every element whose id is not in $keep, with its relationships; answers
// how many went and the first $cap of their ids (for the audit trail).
MATCH (e:Element)
WHERE NOT e.id IN $keep
WITH e, e.id AS id
DETACH DELETE e
RETURN count(*) AS deleted, collect(id)[..$cap] AS ids
