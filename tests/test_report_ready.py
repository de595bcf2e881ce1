"""Report-ready displays: human labels, truncated long text, cases left out."""

import json

import pandas as pd

from crosscase.outputs.labels import column_label, labelled, value_label
from crosscase.outputs.left_out import left_out, warning_lines
from crosscase.outputs.markdown import html_cell_text, html_table


def test_columns_and_machine_values_get_human_labels_free_text_untouched():
    frame = pd.DataFrame(
        {
            "case_id": ["CS1"],
            "success_class": ["more_successful"],
            "attainment_intermediary": ["0.5"],
            "level.macro": ["X"],
            "code": ["austerity_and_financial_pressure"],
            "codes": ["finance;human_resources"],
            "summary": ["kept_as_written in free text"],
            "FORESIGHT": [1],
            "Context: Understood": ["x"],
        }
    )
    out = labelled(frame)
    assert out.columns.tolist() == [
        "Case",
        "Success class",
        "Attainment (intermediary outcomes)",
        "Level: macro",
        "Code",
        "Codes",
        "Summary",
        "FORESIGHT",
        "Context: Understood",
    ]
    assert out.iloc[0].tolist() == [
        "CS1",
        "More successful",
        "0.5",
        "X",
        "Austerity and financial pressure",
        "Finance; Human resources",
        "kept_as_written in free text",
        1,
        "x",
    ]
    assert frame.columns[0] == "case_id"  # the input (what the CSV holds) is not changed
    assert column_label("cohens_kappa") == "Cohen's kappa" and value_label("CS1-S003") == "CS1-S003"


def test_long_cells_are_cut_with_the_full_text_one_click_away():
    text = "word " * 60
    cell = html_cell_text(text.strip())
    # the first 160 characters (32 words) shown, then all 60 words one click away
    assert cell.startswith("<details><summary>") and cell.count("word") == 32 + 60
    assert html_cell_text("short") == "short"
    assert "<details>" in html_table(pd.DataFrame({"a": [text]}))


def test_cases_left_out_are_named_with_the_reason(tmp_path):
    tables, qca = tmp_path / "tables", tmp_path / "crosscase/qca"
    tables.mkdir(parents=True)
    qca.mkdir(parents=True)
    (tables / "table1_case_overview.csv").write_text("case_id,title\nA1,a\nB2,b\n")
    (qca / "success.json").write_text(
        json.dumps(
            {"excluded_cases": [{"case_id": "B2", "reason": "pattern:resources_maintained is missing (RESOURCES)"}]}
        )
    )
    (tmp_path / "crosscase/framework_matrix_themes_long.csv").write_text("case_id,code\nA1,x\n")
    frame = left_out(
        [
            tables / "table1_case_overview.csv",
            qca / "success.json",
            tmp_path / "crosscase/framework_matrix_themes_long.csv",
        ]
    )
    assert frame[["analysis", "case_id"]].values.tolist() == [
        ["QCA 'success'", "B2"],
        ["Framework matrix of themes, theme and agreement analyses", "B2"],
    ]
    assert warning_lines(frame)[0] == (
        "case B2 left out of QCA 'success': pattern:resources_maintained is missing (RESOURCES)"
    )


def test_report_pages_are_listed_by_number_title_and_one_line():
    from crosscase import registry

    labels = registry.report_page_labels("results/crosscase/framework_matrix_themes.csv")
    table1 = registry.report_page_labels("results/tables/table1_case_overview.csv")
    assert table1 == {
        "No.": "01",
        "Table": "Table 1 Case overview",
        "What it shows": (
            "Table 1 of the thesis: each included case, what it managed change through, an overview and its "
            "publications (from the `case` sheet of each case.xlsx)."
        ),
    }
    assert labels["Table"] == "Framework matrix, themes" and int(labels["No."]) > 1
    assert registry.report_page_labels("results/crosscase/qca/success.json")["Table"] == "QCA success"


def test_a_case_analysed_within_case_only_is_named_first():
    frame = left_out([], within_only=["MP1"])
    assert frame.values.tolist() == [
        [
            "Every cross-case comparison",
            "MP1",
            "include = within in the case list: analysed on its own only (results/cases/MP1/)",
        ]
    ]
