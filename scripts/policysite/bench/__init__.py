"""The benchmark: our full build against a plain mkdocs build of the same pages (``./scripts/bench``)."""
