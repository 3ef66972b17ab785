"""The audit trail: a keyed, hash-chained log of every decision, and the auditors' evidence report."""
