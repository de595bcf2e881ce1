"""Snakemake adapter: one case's codebook and segments as a REFI-QDA project (.qdpx)."""
import crosscase
from crosscase.cli.runner import run_script
from crosscase.outputs.refiqda_export import write_qdpx
from crosscase.within.evidence import read_case_table


def main(smk):
    codebook = read_case_table(smk.input.codebook, "codebook")
    segments = read_case_table(smk.input.segments, "segments")
    write_qdpx(smk.output.qdpx, smk.wildcards.case, codebook, segments, crosscase.__version__)


run_script(main, snakemake)  # noqa: F821 (injected by Snakemake)
