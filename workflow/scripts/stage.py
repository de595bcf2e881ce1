"""Generic adapter for a stage: call the package function named in
`params.compute` ("module:function") with the rule's inputs, params and
wildcards, and write each result it returns to the output of the same name.

A stage written this way needs no adapter of its own, and a table added to it
needs only its declaration in crosscase/registry.py and the code that makes it."""

import importlib

from crosscase.cli.runner import run_script
from crosscase.ingest.store import write_output


def main(smk):
    module_name, _, function_name = smk.params.compute.partition(":")
    compute = getattr(importlib.import_module(module_name), function_name)
    params = {key: value for key, value in smk.params.items() if key != "compute"}
    results = compute(inputs=dict(smk.input.items()), params=params, wildcards=dict(smk.wildcards.items()))
    missing = sorted(set(smk.output.keys()) - set(results))
    if missing:
        raise ValueError(f"{smk.params.compute} returned no {', '.join(missing)}")
    for key, path in smk.output.items():
        write_output(results[key], path)


run_script(main, snakemake)  # noqa: F821 (injected by Snakemake)
