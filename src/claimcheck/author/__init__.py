"""Authoring the database: candidate claims from a new source (extract), and its checks (lint)."""
