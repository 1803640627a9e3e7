"""Renderers: turn the library's results into text for people (rich) or JSON for machines."""
