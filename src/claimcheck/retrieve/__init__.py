"""Retrieval: the claim index, how much of a statement each claim covers, search and its rankers."""
