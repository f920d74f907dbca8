// Replace mode: remove every element whose id is not in $keep, with its relationships.
MATCH (e:Element)
WHERE NOT e.id IN $keep
DETACH DELETE e
RETURN count(*) AS deleted
