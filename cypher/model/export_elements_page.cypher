// Export, streamed: the next $limit elements after the cursor id.
MATCH (e:Element)
WHERE e.id > $after
RETURN properties(e) AS props
ORDER BY e.id
LIMIT $limit
