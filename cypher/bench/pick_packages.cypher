// Live service packages to ask the benchmark questions about.
MATCH (p:ServicePackage {lifecycle: 'live'})
RETURN p.id AS id
ORDER BY p.id
LIMIT $limit
