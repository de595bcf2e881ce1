"""The shipped example cases reproduce Tables 1-3 of the thesis (transcribed by hand)."""

import pandas as pd
import pytest
from casebuilder import REPO

from crosscase.compare.tables import table1_case_overview, table2_typology, table3_methods
from crosscase.ingest.cases import included_cases, read_case_list
from crosscase.ingest.vocabulary import load_vocabulary
from crosscase.ingest.workbooks import load_case

CASES = [f"CS{i}" for i in range(1, 9)]

# Table 2, transcribed from the thesis: X marks in the order
# Macro Meso Micro | Acute Primary Social | Public Third Private | Provide Purchase Policy | MH LD OP
TABLE2 = {
    "CS1": ".X. XXX X.. XX. ..X",
    "CS2": "XX. .XX X.. XXX XXX",
    "CS3": ".XX X.. X.. X.. XX.",
    "CS4": "..X ..X .X. X.. X..",
    "CS5": "XX. .XX XX. XXX XXX",
    "CS6": "XX. ..X XX. XXX X.X",
    "CS7": ".XX .X. X.X XX. ..X",
    "CS8": ".XX ..X ..X X.. .X.",
}
TABLE3 = {
    "interviews": "1,2,3,4,5,6,7,8",
    "observations": "3,7,8",
    "focus_groups": "1,3,4,7,8",
    "documentary_analysis": "2,4,5,6,7,8",
    "secondary_data_analysis": "4,6,7",
    "survey": "1,6,8",
}
TABLE1 = {
    "CS1": ("Learning and development", "PB1"),
    "CS2": ("Integrating organisational structures", "PB2"),
    "CS3": ("Self-advocacy", "PB3"),
    "CS4": ("Commissioning new provision", "PB4"),
    "CS5": ("Alternative organisational forms", "PB5, PB6"),
    "CS6": ("Increasing market diversity", "PB7, PB8, PB9"),
    "CS7": ("Clinical leadership in primary care", "PB10"),
    "CS8": ("Person centred practices", "PB11, PB12"),
}


@pytest.fixture(scope="module")
def shipped():
    vocabulary = load_vocabulary(REPO / "config/vocabulary.yaml")
    cases = included_cases(read_case_list(REPO / "config/cases.tsv"))
    assert cases["case_id"].tolist() == CASES
    loaded = {row.case_id: load_case(REPO / row.path, row.case_id, vocabulary) for row in cases.itertuples()}

    def table(name):
        return pd.concat([t[name].assign(case_id=c) for c, t in loaded.items()], ignore_index=True)

    return vocabulary, table


def test_table1(shipped):
    _, table = shipped
    result = table1_case_overview(table("case_info"), CASES)
    assert {r.case_id: (r.change_through, r.publications) for r in result.itertuples()} == TABLE1
    cs4 = result.set_index("case_id").loc["CS4", "overview"]
    assert cs4 == (
        "Commissioned service to address 'wicked problem' of multiply excluded homelessness "
        "through provision of hostels and floating support."
    )


def test_table2(shipped):
    vocabulary, table = shipped
    result = table2_typology(table("typology"), CASES, vocabulary).set_index("case_id")
    marks = {
        case: " ".join(
            "".join("X" if result.loc[case, col] == "X" else "." for col in cols)
            for cols in (result.columns[i : i + 3] for i in range(0, 15, 3))
        )
        for case in CASES
    }
    assert marks == TABLE2


def test_table3(shipped):
    vocabulary, table = shipped
    result = table3_methods(table("methods"), CASES, vocabulary)
    expected = {m: ", ".join(f"CS{n}" for n in numbers.split(",")) for m, numbers in TABLE3.items()}
    assert dict(zip(result["method"], result["cases"])) == expected
