# Within-case pattern matching: each case's section 3.1 table (framework.md,
# framework.csv), its metrics (metrics.csv, and the typed case_metrics
# partition) and its context-mechanism-outcome chains (cmo.csv, cmo.md),
# computed from that case alone. Their files are the registry's outputs of
# `case_framework` (crosscase/registry.py); they are written by the batch jobs
# of rules/ingest.smk (crosscase.within.batch), which run every within-case
# step of a case in one process.
