// Audit entries, newest first: those at or after $since (an ISO date-time), before entry $before.
MATCH (a:AuditEntry)
WHERE ($since IS NULL OR a.at >= datetime($since))
  AND ($before IS NULL OR a.seq < $before)
RETURN a {.seq, .at, .who, .action, .target, .counts_json, .ids, .ids_total, .revision} AS entry
ORDER BY a.seq DESC
LIMIT $limit
