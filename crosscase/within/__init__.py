"""Within-case analyses: each case on its own (framework, survey, interviews, secondary data)."""
