"""Tables 1-3 of the thesis, built from the normalised tables of the included
cases. Rows follow the order of config/cases.tsv."""

from __future__ import annotations

import pandas as pd

from crosscase.ingest.vocabulary import Vocabulary


def table1_case_overview(case_info: pd.DataFrame, case_order: list[str]) -> pd.DataFrame:
    """Table 1: case_id, change_through, overview, publications."""
    columns = ["case_id", "change_through", "overview", "publications"]
    frame = case_info.set_index("case_id").reindex(case_order).reset_index()
    return frame[columns].fillna("")


def table2_typology(typology: pd.DataFrame, case_order: list[str], vocabulary: Vocabulary) -> pd.DataFrame:
    """Table 2: one `dimension.attribute` column per vocabulary term; 'X' where present."""
    present = typology[typology["present"].astype(bool)]
    marks = set(zip(present["case_id"], present["dimension"] + "." + present["attribute"]))
    rows = [
        {"case_id": case, **{col: ("X" if (case, col) in marks else "") for col in vocabulary.typology_columns}}
        for case in case_order
    ]
    return pd.DataFrame(rows, columns=["case_id", *vocabulary.typology_columns])


def table3_methods(methods: pd.DataFrame, case_order: list[str], vocabulary: Vocabulary) -> pd.DataFrame:
    """Table 3: each vocabulary method with the cases that used it, comma-separated."""
    used = methods[methods["used"].astype(bool)]
    users = {method: set(group["case_id"]) for method, group in used.groupby("method")}
    rows = [
        {"method": method, "cases": ", ".join(c for c in case_order if c in users.get(method, set()))}
        for method in vocabulary.methods
    ]
    return pd.DataFrame(rows, columns=["method", "cases"])


def stage(inputs: dict, params: dict, wildcards: dict) -> dict[str, pd.DataFrame]:
    """The Tables 1-3 stage (workflow/rules/tables.smk, through the generic
    adapter): each table as CSV for people and Parquet for the next steps."""
    from crosscase.ingest.store import read_table
    from crosscase.ingest.vocabulary import load_vocabulary

    order = list(params["case_order"])
    vocabulary = load_vocabulary(inputs["vocabulary"])
    tables = {
        "table1": table1_case_overview(read_table(inputs["case_info"], "case_info", order), order),
        "table2": table2_typology(read_table(inputs["typology"], "typology", order), order, vocabulary),
        "table3": table3_methods(read_table(inputs["methods"], "methods", order), order, vocabulary),
    }
    return {f"{name}_{kind}": frame for name, frame in tables.items() for kind in ("csv", "parquet")}
