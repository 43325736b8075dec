"""Flywheel Glossary engine: load, validate, resolve and render glossary YAML into pages.

The engine does not import MkDocs; :mod:`glossary_site.plugin` adapts it to MkDocs.
"""

__all__ = ["__version__"]

__version__ = "0.1.0"
