"""Model to pages: the page texts, pure (templates in templates/)."""
