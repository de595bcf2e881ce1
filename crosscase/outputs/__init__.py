"""Outputs people read: the synthesis workbook, Markdown, figures, provenance."""
