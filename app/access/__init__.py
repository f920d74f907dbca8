"""Who may do what: API keys and their roles, a partner's scope, the audit trail (docs/security.md)."""
