"""Content: the term files' model, loading, names, checks, links and cross-references
(load → validate → resolve)."""
