# crosscase: cross-case comparative synthesis of case study research.
# Run `snakemake --cores all`; see README.md for the case-folder contract.
from snakemake.utils import min_version

min_version("9.0")


configfile: "config/config.yaml"


include: "rules/common.smk"
include: "rules/ingest.smk"
include: "rules/tables.smk"
include: "rules/cases.smk"
include: "rules/crosscase.smk"
include: "rules/evidence.smk"
include: "rules/qca.smk"
include: "rules/synthesis.smk"


rule all:
    input:
        all_outputs(),
    default_target: True
