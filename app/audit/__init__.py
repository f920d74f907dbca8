"""The audit trail: every write, who made it, when, and what it changed."""
