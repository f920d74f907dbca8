// Retention (SIGRAPH_HISTORY_KEEP): drop the changes of revisions up to $until, or older than
// $days days; the model before the first change kept can no longer be told.
MATCH (r:__ModelRevision {id: 'model'})
OPTIONAL MATCH (c:ModelChange)
WHERE c.revision <= $until OR ($days IS NOT NULL AND c.at < datetime() - duration({days: coalesce($days, 0)}))
WITH r, collect(c) AS old
WITH r, old, reduce(last = 0, c IN old | CASE WHEN c.revision > last THEN c.revision ELSE last END) AS newest
FOREACH (c IN old | DELETE c)
SET r.history_from = CASE WHEN newest + 1 > coalesce(r.history_from, 1) THEN newest + 1
                          ELSE coalesce(r.history_from, 1) END
RETURN r.history_from AS history_from
