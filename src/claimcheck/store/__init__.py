"""The database on disk: finding and loading it, YAML with lines, anchors, sources, imports, caches."""
