"""Cited URLs: extraction and repair (extract), liveness checks (check), results cache (cache)."""
