// Readers that keep the whole model bring it up to date from the audit entries of the revisions
// they missed (app/analysis/repository.py): found by revision.
CREATE INDEX audit_entry_revision IF NOT EXISTS FOR (a:AuditEntry) ON (a.revision);
