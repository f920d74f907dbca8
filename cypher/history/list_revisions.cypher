// The writes that made revisions after $since, oldest first: who, when, what (the audit trail).
MATCH (a:AuditEntry)
WHERE a.revision > $since
RETURN a.revision AS revision, toString(a.at) AS at, a.who AS who, a.action AS action, a.target AS target,
       a.counts_json AS counts_json
ORDER BY a.revision
LIMIT $limit
