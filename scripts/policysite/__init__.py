"""Bilingual privacy-policy site generator: sources, checks, versions and rendering."""
