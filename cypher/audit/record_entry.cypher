// One entry of the audit trail, written in the transaction of the write it records: it commits
// with the write or not at all. The counter numbers entries in commit order (its lock orders them).
MERGE (s:__AuditSequence {id: 'audit'})
SET s.value = coalesce(s.value, 0) + 1
CREATE (a:AuditEntry {seq: s.value, at: datetime(), who: $who, action: $action, target: $target,
                      counts_json: $counts_json, ids: $ids, ids_total: $ids_total, revision: $revision})
RETURN a.seq AS seq
