"""Judging: figures and dates compared, the rule table, verdicts on statements, conflicts between sources."""
