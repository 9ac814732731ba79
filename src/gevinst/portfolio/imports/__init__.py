"""Excel import of an existing portfolio: headings, reading, checking, template."""
