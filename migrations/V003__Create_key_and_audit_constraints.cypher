// API keys (docs/security.md): a name unique for ever (revoked keys keep theirs, so the audit
// trail names one key), and the token's hash, by which every request finds its key.
CREATE CONSTRAINT api_key_name_unique IF NOT EXISTS
FOR (k:ApiKey) REQUIRE k.name IS UNIQUE;

CREATE CONSTRAINT api_key_token_hash_unique IF NOT EXISTS
FOR (k:ApiKey) REQUIRE k.token_hash IS UNIQUE;

// The audit trail: one entry per write, numbered in commit order, read newest first.
CREATE CONSTRAINT audit_entry_seq_unique IF NOT EXISTS
FOR (a:AuditEntry) REQUIRE a.seq IS UNIQUE;

CREATE INDEX audit_entry_at IF NOT EXISTS FOR (a:AuditEntry) ON (a.at);

// The counter that numbers audit entries: one node, made here so that no two writers race to.
CREATE CONSTRAINT audit_sequence_id_unique IF NOT EXISTS
FOR (s:__AuditSequence) REQUIRE s.id IS UNIQUE;

MERGE (s:__AuditSequence {id: 'audit'})
ON CREATE SET s.value = 0;
