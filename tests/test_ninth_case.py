"""The ninth case (McCray and Palmer's action research study, data/raw/MP1):
shipped with include = within (analysed on its own, in no cross-case table);
switching it to yes adds it to every table."""

import pandas as pd
from casebuilder import REPO, copy_workflow

from crosscase.ingest.cases import analysed_cases, included_cases
from crosscase.ingest.vocabulary import load_vocabulary
from crosscase.ingest.workbooks import load_case
from crosscase.within.evidence import case_analyses
from workflow import snakemake

MP1_ROW = ("MP1", "Commissioning personalised care (McCray and Palmer)", "data/raw/MP1")
TABLES = ["table1_case_overview", "table2_typology", "table3_methods"]


def case_list_with_mp1(include: str) -> str:
    """The shipped case list with MP1 set to `include` (its row added if the list has none)."""
    lines = (REPO / "config/cases.tsv").read_text(encoding="utf-8").splitlines()
    rows = [line for line in lines if not line.startswith("MP1\t")]
    existing = [line for line in lines if line.startswith("MP1\t")]
    mp1 = existing[0].split("\t") if existing else list(MP1_ROW) + ["no"]
    mp1[3] = include
    return "\n".join(rows + ["\t".join(mp1)]) + "\n"


def test_shipped_case_list_analyses_mp1_within_case_only():
    lines = (REPO / "config/cases.tsv").read_text(encoding="utf-8").splitlines()
    assert [line.split("\t")[3] for line in lines if line.startswith("MP1\t")] == ["within"]


def test_mp1_folder_is_a_valid_case():
    tables = load_case(REPO / "data/raw/MP1", "MP1", load_vocabulary(REPO / "config/vocabulary.yaml"))
    methods = tables["methods"].set_index("method")
    assert methods.loc["focus_groups", "used"] and methods.loc["focus_groups", "n"] == 6
    assert methods["used"].sum() == 1
    segments = tables["segments"]
    assert set(segments["group_id"]) == {f"FG{i}" for i in range(1, 7)}
    assert segments["participant_id"].nunique() <= 48  # 48 delegates, 8 per group
    # eleven listed themes, Models of Leadership and Education and training routes (the answer to question 3)
    assert len(tables["codebook"]) == 13
    quoted = segments[segments["participant_id"] == "FG2c"]
    assert "relationship with the NHS" in " ".join(quoted["text"])
    assert set(quoted["participant_role"]) == {"service_provider"}  # "a participant in a service delivery role"
    themes = case_analyses(tables)["themes"]
    assert themes["rank"].iloc[0] == 1 and themes["groups"].max() <= 6


def test_switching_mp1_on_adds_it_to_tables_1_2_and_3(tmp_path):
    flow = copy_workflow(tmp_path / "flow", with_example_cases=True)
    (flow / "config/cases.tsv").write_text(case_list_with_mp1("yes"), encoding="utf-8")
    snakemake(flow, *[f"results/tables/{t}.csv" for t in TABLES])
    read = {t: pd.read_csv(flow / f"results/tables/{t}.csv", dtype=str, keep_default_na=False) for t in TABLES}

    table1 = read["table1_case_overview"].set_index("case_id")
    assert table1.index.tolist()[-1] == "MP1"
    assert (
        table1.loc["MP1", "change_through"]
        == "Leadership development for commissioning personalised care (action research)"
    )
    assert "48 strategic and organisational leaders" in table1.loc["MP1", "overview"]

    table2 = read["table2_typology"].set_index("case_id")
    marked = [column for column in table2.columns if table2.loc["MP1", column] == "X"]
    assert marked == [
        "level.meso",
        "sector.social",
        "form.public",
        "form.third",
        "form.private",
        "role.provide",
        "role.purchase",
        "population.mental_health",
        "population.learning_disability",
        "population.older_people",
    ]

    table3 = read["table3_methods"].set_index("method")["cases"].str.split(", ")
    assert table3["focus_groups"][-1] == "MP1"
    assert all("MP1" not in table3[m] for m in table3.index if m != "focus_groups")


def test_mp1_within_case_gets_its_own_results_and_no_row_in_the_tables(tmp_path):
    """The shipped list (MP1 within): its themes by question and cycle are built,
    the cross-case tables keep the thesis's eight cases."""
    flow = copy_workflow(tmp_path / "flow", with_example_cases=True)
    own = ["results/cases/MP1/themes_by_question.csv", "results/cases/MP1/themes_by_cycle.csv"]
    result = snakemake(flow, "-n", "all")
    assert "within_batch0of1" in result.stdout and "report_case_pages" in result.stdout
    snakemake(flow, "results/included.tsv", "results/tables/table1_case_overview.csv", *own)
    table1 = pd.read_csv(flow / "results/tables/table1_case_overview.csv", dtype=str)
    assert table1["case_id"].tolist() == [f"CS{i}" for i in range(1, 9)]
    by_question = pd.read_csv(flow / own[0], dtype=str, keep_default_na=False)
    assert by_question["question"].drop_duplicates().tolist() == ["Q1", "Q2", "Q3"]
    assert by_question.loc[by_question["question"] == "Q3", "code"].tolist() == ["education_and_training_routes"]
    by_cycle = pd.read_csv(flow / own[1], dtype=str, keep_default_na=False)
    assert set(by_cycle["cycle"]) == {"2"}
    included = (flow / "results/included.tsv").read_text(encoding="utf-8").splitlines()
    assert included[-3:] == ["case\tCS8", "within_case\tMP1", "qca\tsuccess"]


def test_mp1_with_include_no_is_not_built(tmp_path):
    flow = copy_workflow(tmp_path / "flow", with_example_cases=True)
    (flow / "config/cases.tsv").write_text(case_list_with_mp1("no"), encoding="utf-8")
    files = snakemake(flow, "--summary").stdout
    assert "results/cases/CS1/themes.csv" in files
    assert "MP1" not in files


def test_mp1_focus_groups_answer_the_three_questions_in_cycle_two():
    tables = load_case(REPO / "data/raw/MP1", "MP1", load_vocabulary(REPO / "config/vocabulary.yaml"))
    questions = tables["questions"]
    assert questions["question"].tolist() == ["Q1", "Q2", "Q3"]
    # verbatim, McCray and Palmer lines 125, 126 and 130
    assert questions["text"].iloc[1].startswith("Are there any gaps when these are mapped against the UK social care")
    segments = tables["segments"]
    assert set(segments["cycle"]) == {"2"}  # line 89: "The second cycle of this research is reported here"
    gap = segments[segments["text"].str.startswith("Who does the assessments")]
    assert gap[["participant_id", "question"]].values.tolist() == [["FG2a", "Q2"]]  # quoted under Gaps (line 187)
    notes = segments.loc[segments["moderator_note"] != "", "moderator_note"]
    assert len(notes) > 0 and notes.str.startswith("SYNTHETIC: ").all()
    results = case_analyses(tables)
    by_question = results["themes_by_question"]
    assert by_question.loc[by_question["question"] == "Q2", "code"].tolist() == [
        "gap_in_industry_standards",
        "clarity_of_role_spec_in_social_care",
    ]
    assert by_question.loc[by_question["question"] == "Q3", "code"].tolist() == ["education_and_training_routes"]
    assert set(results["themes_by_cycle"]["cycle"]) == {"2"}
    summaries = tables["codebook"].set_index("code")["summary"]
    assert summaries["gap_in_industry_standards"].startswith("Paradoxically participants confirmed")  # line 183
    assert summaries["finance"] == ""  # no published summary: left blank, never invented


def test_within_cases_are_analysed_but_not_compared():
    cases = pd.DataFrame({"case_id": ["A", "B", "C"], "include": ["yes", "within", "no"]})
    assert included_cases(cases)["case_id"].tolist() == ["A"]
    assert analysed_cases(cases)["case_id"].tolist() == ["A", "B"]
