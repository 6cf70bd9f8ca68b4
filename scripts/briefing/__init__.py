"""Briefing engine: validate a briefing's YAML data and render it as MkDocs pages."""
