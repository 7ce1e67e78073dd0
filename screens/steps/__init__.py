"""Step views: one per kind of step (header, staff table, question block, counts, review)."""
