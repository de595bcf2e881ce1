"""Snakemake adapter: remove the results of cases and QCA analyses that are no
longer part of the run (crosscase.ingest.stale), then record what the run holds."""

import logging

from crosscase.cli.runner import run_script
from crosscase.common.files import atomic_write
from crosscase.ingest.stale import remove_stale


def main(smk):
    cases, within = list(smk.params.cases), list(smk.params.within_only)
    analyses = list(smk.params.analyses)
    for path in remove_stale(".", cases + within, analyses):
        logging.info("removed %s (its case or analysis is no longer in the run)", path)
    # kind `case`: compared across cases; `within_case`: analysed on its own only
    lines = ["kind\tname"] + [f"case\t{c}" for c in cases] + [f"within_case\t{c}" for c in within]
    lines += [f"qca\t{a}" for a in analyses]
    text = "\n".join(lines) + "\n"

    def write(tmp):
        with open(tmp, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)

    atomic_write(smk.output[0], write)


run_script(main, snakemake)  # noqa: F821 (injected by Snakemake)
