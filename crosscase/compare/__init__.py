"""Cross-case comparison of case-level results: pattern matching, typology, Tables 1-3."""
