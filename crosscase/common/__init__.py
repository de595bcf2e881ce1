"""Shared helpers used by every stage: problems, missing values, text, Markdown, atomic writes, xlsx."""
