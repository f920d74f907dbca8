// What the writes after revision $since, up to $until, changed: the ids each audit entry names
// (element ids, `from -TYPE-> to` for relationships) and how many there were.
MATCH (a:AuditEntry)
WHERE a.revision > $since AND a.revision <= $until
RETURN a.revision AS revision, a.ids AS ids, a.ids_total AS ids_total
ORDER BY revision
