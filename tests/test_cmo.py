"""The richer framework contract of issue 14 (optional links, direction,
severity, adherence, proved_correct, realised_for, explicit_theory, memo) and
the context-mechanism-outcome chains built from it, on small hand-made cases."""

import copy

import pandas as pd
import pytest
from casebuilder import REPO, minimal_case, write_workbook

from crosscase.common.problems import DataError
from crosscase.compare.cmo import configurations
from crosscase.ingest.vocabulary import load_vocabulary
from crosscase.ingest.workbooks import load_case
from crosscase.within.cmo import case_chains, cmo_markdown, unlinked

VOCABULARY = load_vocabulary(REPO / "config" / "vocabulary.yaml")
OPTIONAL = ["links", "direction", "severity", "adherence", "proved_correct", "realised_for", "explicit_theory", "memo"]


def rich_case(case_id="CS4", cells=None):
    """minimal_case with the optional columns; `cells` = {(row, column): value} (Excel rows)."""
    sheets = copy.deepcopy(minimal_case(case_id))
    framework = sheets["framework"]
    framework[0] = framework[0] + OPTIONAL
    values = {
        # C1 foreseen barrier affecting A1; C2 unforeseen minor barrier on O1
        2: {"links": f"{case_id}-A1", "direction": "barrier", "severity": "minor"},
        3: {"links": f"{case_id}-O1", "direction": "barrier", "severity": "major", "memo": "why"},
        4: {"adherence": "full", "proved_correct": "partial", "explicit_theory": "rational"},
        5: {"links": f"{case_id}-T1"},
        6: {"links": f"{case_id}-T1"},
        7: {"links": f"{case_id}-A1; {case_id}-A2", "realised_for": "north=full;south = None"},
        8: {"links": f"{case_id}-O1"},
    }
    for row in range(1, len(framework)):
        framework[row] = framework[row] + [values.get(row + 1, {}).get(c) for c in OPTIONAL]
    header = framework[0]
    for (row, column), value in (cells or {}).items():
        framework[row - 1][header.index(column)] = value
    return sheets


def load(tmp_path, sheets, case_id="CS4"):
    write_workbook(tmp_path / case_id / "case.xlsx", sheets)
    return load_case(tmp_path / case_id, case_id, VOCABULARY)


def problems(tmp_path, sheets, case_id="CS4"):
    with pytest.raises(DataError) as caught:
        load(tmp_path, sheets, case_id)
    prefix = str(tmp_path / case_id / "case.xlsx")
    return [str(p).replace(prefix, "case.xlsx") for p in caught.value.problems]


def test_optional_columns_load_and_normalise(tmp_path):
    framework = load(tmp_path, rich_case())["framework"]
    row = framework.set_index("item_id")
    assert row.loc["CS4-O1", "links"] == "CS4-A1;CS4-A2"
    assert row.loc["CS4-O1", "realised_for"] == "north=full; south=none"  # spaces and case normalised
    assert row.loc["CS4-C2", "severity"] == "major"
    assert row.loc["CS4-T1", "proved_correct"] == "partial"
    assert row.loc["CS4-C2", "memo"] == "why"


def test_workbook_without_optional_columns_still_loads(tmp_path):
    framework = load(tmp_path, minimal_case("CS4"))["framework"]
    assert framework["links"].isna().all() and framework["severity"].isna().all()


def test_each_optional_rule_names_row_column_value(tmp_path):
    sheets = rich_case(
        cells={
            (2, "severity"): "huge",  # not minor/major
            (4, "direction"): "enabler",  # direction on a theory
            (5, "links"): "CS4-O1",  # an activity links an outcome
            (6, "links"): "CS4-X9",  # unknown id
            (7, "realised_for"): "north",  # no '='
            (4, "explicit_theory"): "market_based",  # not among the item's categories
            (3, "links"): "CS4-C2",  # itself
        }
    )
    prefix = "case.xlsx, sheet 'framework', "
    assert problems(tmp_path, sheets) == [
        prefix + "row 2, column 'severity': 'huge' is not one of minor/major",
        prefix + "row 3, column 'links': 'CS4-C2' links the item to itself",
        prefix + "row 5, column 'links': 'CS4-O1' links 'CS4-O1' (facet intermediary): "
        "an activity links the change theory or theories it implements",
        prefix + "row 6, column 'links': 'CS4-X9' links 'CS4-X9', which is not an item_id of this sheet",
        prefix + "row 4, column 'direction': 'enabler' is filled in, but direction is only for context factors",
        prefix + "row 4, column 'explicit_theory': 'market_based' term 'market_based' is not among the item's own "
        "categories (explicit_theory names some of them)",
        prefix + "row 7, column 'realised_for': 'north' 'north' is not 'group=level' (groups separated by ';', "
        "e.g. 'five teams=full; two localities=none')",
    ]


def test_chains_follow_the_links(tmp_path):
    framework = load(tmp_path, rich_case())["framework"]
    chains = case_chains(framework)
    # O1 <- A1, A2 <- T1 (one theory: one chain); O2 <- O1 inherits A1, A2 and so T1
    assert chains["chain_id"].tolist() == ["CS4-O1<CS4-T1", "CS4-O2<CS4-T1"]
    first = chains.iloc[0]
    assert first["activity_ids"] == "CS4-A1;CS4-A2"
    assert first["activities_observed"] == "CS4-A1=full;CS4-A2=none"
    # C1 affects A1 and C2 affects O1: both on the chain
    assert first["context_ids"] == "CS4-C1;CS4-C2"
    assert first["contexts"] == "CS4-C1=barrier/minor/anticipated/full;CS4-C2=barrier/major/unanticipated/partial"
    assert (first["theory_adherence"], first["theory_proved_correct"]) == ("full", "partial")
    assert first["weak_links"] == (
        "CS4-C1 (barrier, minor);CS4-C2 (barrier, major, unanticipated);"
        "CS4-T1 (proved_correct partial);CS4-A2 (delivered none);CS4-O1 (south: none)"
    )
    assert first["chain_status"] == "realised"
    second = chains.iloc[1]
    assert (second["via_ids"], second["outcome_observed"], second["chain_status"]) == ("CS4-O1", "unknown", "unknown")
    assert unlinked(framework) == {"activities": (), "theories": (), "context": ()}
    page = cmo_markdown("CS4", "Title", chains, framework)
    assert "| CS4-O1<CS4-T1 |" in page


def test_theory_levels_fall_back_to_observed_and_unlinked_outcomes_get_a_chain():
    items = pd.DataFrame(
        [
            {
                "item_id": "T",
                "stage": "mechanism",
                "facet": "change_theory",
                "category": "",
                "anticipated": True,
                "observed": "partial",
            },
            {
                "item_id": "A",
                "stage": "mechanism",
                "facet": "change_activity",
                "category": "",
                "anticipated": True,
                "observed": "full",
                "links": "T",
            },
            {
                "item_id": "O",
                "stage": "outcome",
                "facet": "intermediary",
                "category": "",
                "anticipated": True,
                "observed": "full",
                "links": "A",
                "beneficiary": "staff",
            },
            {
                "item_id": "P",
                "stage": "outcome",
                "facet": "intermediary",
                "category": "",
                "anticipated": True,
                "observed": "none",
                "beneficiary": "staff",
            },
        ]
    )
    chains = case_chains(items).set_index("chain_id")
    # no adherence/proved_correct recorded: both read `observed` (the earlier merged score)
    assert (chains.loc["O<T", "theory_adherence"], chains.loc["O<T", "theory_proved_correct"]) == ("partial", "partial")
    assert chains.loc["P<", "chain_status"] == "not realised (no mechanism linked)"


def test_configurations_count_cases_not_chains():
    def chain(mech, outcome, observed):
        return {
            "chain_id": f"{outcome}<",
            "mechanism_categories": mech,
            "outcome_categories": "skills",
            "outcome_observed": observed,
            "contexts": "",
        }

    chains = {
        "X": pd.DataFrame([chain("training", "O1", "full"), chain("training", "O2", "none")]),
        "Y": pd.DataFrame([chain("training", "O1", "none")]),
    }
    table = configurations(chains, ["X", "Y"], {"X": "more_successful", "Y": "largely_failed"})
    row = table.iloc[0]
    assert (row["mechanism_category"], row["outcome_category"], row["cases"], row["n_cases"]) == (
        "training",
        "skills",
        "X, Y",
        2,
    )
    assert (row["n_more_successful"], row["n_other"], row["realised_in"], row["not_realised_in"]) == (1, 1, "X", "X, Y")
    assert row["chain_ids"] == "X:O1<;X:O2<;Y:O1<"


def test_chains_read_back_from_the_per_case_dataset_give_the_same_configurations(tmp_path):
    """The batch job writes each case's chains as Parquet rows (cmo_schema) and
    crosscase_patterns reads them as one dataset: the chains and the
    configurations come back as from case_chains itself."""
    from crosscase.ingest.store import read_dataset, write_parquet
    from crosscase.within.cmo import CMO_COLUMNS, cmo_schema
    from crosscase.within.framework import by_case

    assert cmo_schema().names == CMO_COLUMNS and {str(t) for t in cmo_schema().types} == {"string"}
    built = {case: case_chains(load(tmp_path / "in", rich_case(case), case)["framework"]) for case in ("CS4", "CS5")}
    for case, chains in built.items():
        write_parquet(chains, tmp_path / "case_cmo" / f"case_id={case}" / "part-0.parquet", cmo_schema())
    files = [tmp_path / "case_cmo" / f"case_id={case}" / "part-0.parquet" for case in ("CS5", "CS4")]
    read = read_dataset(files, cmo_schema(), ["CS5", "CS4"])  # cases.tsv order, not file order
    # two chains per case (test_chains_follow_the_links), CS5's first
    assert read["case_id"].tolist() == ["CS5", "CS5", "CS4", "CS4"]
    assert read["chain_id"].tolist() == ["CS5-O1<CS5-T1", "CS5-O2<CS5-T1", "CS4-O1<CS4-T1", "CS4-O2<CS4-T1"]
    split = by_case(read)
    for case, chains in built.items():
        pd.testing.assert_frame_equal(split[case].drop(columns="case_id").reset_index(drop=True), chains)
    classes = {"CS4": "more_successful", "CS5": "largely_failed"}
    pd.testing.assert_frame_equal(
        configurations(split, ["CS5", "CS4"], classes), configurations(built, ["CS5", "CS4"], classes)
    )
