// Full-text search over name and description ($query is an escaped Lucene query), paged by id.
CALL db.index.fulltext.queryNodes('element_text', $query) YIELD node AS e
WHERE e.id > $after
  AND ($type IS NULL OR e.type = $type)
  AND ($pillar IS NULL OR e.pillar = $pillar)
  AND ($lifecycle IS NULL OR e.lifecycle = $lifecycle)
  AND ($among IS NULL OR e.id IN $among)
RETURN properties(e) AS props
ORDER BY e.id
LIMIT $limit
