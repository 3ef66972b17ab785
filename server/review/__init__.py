"""Human review: review records, signed approvals, authorship and separation of duties."""
