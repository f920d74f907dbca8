// A page of elements after the cursor id, filtered; null filters match everything;
// $among: only these ids (a partner's scope).
MATCH (e:Element)
WHERE e.id > $after
  AND ($type IS NULL OR e.type = $type)
  AND ($pillar IS NULL OR e.pillar = $pillar)
  AND ($lifecycle IS NULL OR e.lifecycle = $lifecycle)
  AND ($among IS NULL OR e.id IN $among)
RETURN properties(e) AS props
ORDER BY e.id
LIMIT $limit
