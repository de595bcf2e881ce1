# ruff: noqa: E501 -- expected messages are kept whole, one line each, to be read as a user sees them
"""Configuration files checked up front (crosscase.ingest.settings): one readable
line per problem, naming the file, the line or key, what is allowed, and a
"did you mean" for a near miss. Every expected line below is written out by
hand from the file the test writes (its line numbers counted in the text)."""

import shutil
from pathlib import Path

import pytest
import yaml
from casebuilder import REPO, write_case

from crosscase.compare.patterns import PATTERN_COLUMNS
from crosscase.ingest.cases import read_case_list
from crosscase.ingest.settings import SettingsError, check_workflow_settings, did_you_mean, load_schema, read_case_rows

COLUMNS = {"pattern": PATTERN_COLUMNS}


@pytest.fixture
def project(tmp_path, monkeypatch):
    """config/ of the repository, two small cases, cwd = the project."""
    shutil.copytree(REPO / "config", tmp_path / "config")
    write_case(tmp_path / "data/raw/A1", "A1")
    write_case(tmp_path / "data/raw/B2", "B2")
    (tmp_path / "config/cases.tsv").write_text("case_id\tlabel\tpath\tinclude\nA1\tFirst\t\tyes\nB2\tSecond\t\tyes\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def problems(**kwargs) -> list[str]:
    with pytest.raises(SettingsError) as caught:
        check_workflow_settings(source_columns=COLUMNS, **kwargs)
    assert "Traceback" not in str(caught.value)
    return caught.value.problems


def edit_config(project: Path, change) -> None:
    path = project / "config/config.yaml"
    text = path.read_text()
    path.write_text(change(text))


def test_the_shipped_configuration_is_clean(project):
    config, rows, vocabulary = check_workflow_settings(source_columns=COLUMNS)
    assert [r["case_id"] for _, r in rows] == ["A1", "B2"]
    assert rows[0] == (2, {"case_id": "A1", "label": "First", "path": "data/raw/A1", "include": "yes"})


def test_an_unknown_key_is_named_with_a_suggestion(project):
    # config/config.yaml line 10 is `observed_weights:` (counted in the shipped file);
    # the allowed keys are the schema's, in its order
    edit_config(project, lambda t: t.replace("observed_weights:", "observed_weight:"))
    allowed = ", ".join(load_schema("config")["properties"])
    assert problems() == [
        "config/config.yaml, line 10, observed_weight: unknown key 'observed_weight'; allowed: "
        f"{allowed}; did you mean 'observed_weights'?",
        "config/config.yaml: 'observed_weights' is missing (required: cases, vocabulary, observed_weights, success_class)",
    ]


QCA_MISTAKES = [
    # (old text, new text, expected line); {line} is the line where the old text
    # begins in the qca: section of the shipped config.yaml (other settings may move it)
    (
        'source: "pattern:context_foresight"',
        'source: "pattern:context_forsight"',
        "config/config.yaml, line {line}, qca[0].conditions[0].source (analysis 'success'): 'pattern:context_forsight': "
        "pattern has no column 'context_forsight' (columns: "
        + ", ".join(PATTERN_COLUMNS)
        + "); did you mean 'context_foresight'?",
    ),
    (
        "{type: fuzzy, exclusion: 0.2, crossover: 0.45, inclusion: 0.9}\n      - name: THEORY",
        "{type: fuzzy, exclusion: 0.2, crossover: 0.95, inclusion: 0.9}\n      - name: THEORY",
        "config/config.yaml, line {line}, qca[0].conditions[0].calibration (analysis 'success'): anchors exclusion 0.2, "
        "crossover 0.95, inclusion 0.9: the crossover must lie strictly between the two anchors "
        "(exclusion < crossover < inclusion, or all three reversed)",
    ),
    (
        "incl_cut: [0.8]",
        "incl_cut: [1.2]",
        "config/config.yaml, line {line}, qca[0].incl_cut[0] (analysis 'success'): 1.2 is above the maximum 1",
    ),
    (
        "incl_cut: [0.8]",
        "incl_cut: [0.8, 0.9]",
        "config/config.yaml, line {line}, qca[0].incl_cut (analysis 'success'): the second inclusion cut (0.9) must not "
        "exceed the first (0.8)",
    ),
    (
        'theory: "FORESIGHT*THEORY*FIDELITY*RESOURCES"',
        'theory: "FORESIGHT*THEROY"',
        "config/config.yaml, line {line}, qca[0].theory (analysis 'success'): 'THEROY' in \"FORESIGHT*THEROY\" is not a "
        "condition of this analysis (conditions: FORESIGHT, THEORY, FIDELITY, RESOURCES); did you mean 'THEORY'?",
    ),
    (
        "{type: crisp, threshold: 1.0}",
        "{type: crsip, threshold: 1.0}",
        "config/config.yaml, line {line}, qca[0].conditions[3].calibration.type (analysis 'success'): 'crsip' is not "
        "allowed; expected one of crisp/crisp_equals/fuzzy/membership; did you mean 'crisp'?",
    ),
    (
        "n_cut: 1",
        "n_cut: 0.5",
        "config/config.yaml, line {line}, qca[0].n_cut (analysis 'success'): 0.5 is a number; expected a whole number",
    ),
    (
        "- name: THEORY",
        "- name: FORESIGHT",
        "config/config.yaml, line {line}, qca[0].conditions[1].name (analysis 'success'): 'FORESIGHT' is already used by "
        "conditions[0]; every set of an analysis needs its own name",
    ),
    (
        "include_remainders: true",
        "include_remainder: true",
        "config/config.yaml, line {line}, qca[0].include_remainder (analysis 'success'): unknown key 'include_remainder'; "
        "allowed: {qca_keys}; did you mean 'include_remainders'?",
    ),
]


@pytest.mark.parametrize("old, new, expected", QCA_MISTAKES)
def test_each_kind_of_qca_mistake_is_one_line(project, old, new, expected):
    text = (project / "config/config.yaml").read_text()
    line = text.count("\n", 0, text.index(old, text.index("qca:"))) + 1
    edit_config(project, lambda t: t[: t.index("qca:")] + t[t.index("qca:") :].replace(old, new, 1))
    # the keys an entry may hold are the schema's, in its order
    qca_keys = ", ".join(load_schema("qca")["properties"])
    assert expected.format(line=line, qca_keys=qca_keys) in problems()


def test_seventeen_conditions_and_duplicate_analyses(project):
    config = yaml.safe_load((project / "config/config.yaml").read_text())
    entry = config["qca"][0]
    entry["conditions"] = [dict(entry["conditions"][0], name=f"C{i}") for i in range(17)]
    entry.pop("dir_exp"), entry.pop("theory")
    config["qca"].append(dict(config["qca"][0]))
    found = problems(config=config)
    # the line of the entry's `conditions:` in the file; qca[1] exists only in
    # the mapping given, so its nearest line in the file is that of `qca:`
    text = (project / "config/config.yaml").read_text()
    qca_line = text.count("\n", 0, text.index("\nqca:")) + 2
    conditions_line = text.count("\n", 0, text.index("    conditions:", text.index("\nqca:"))) + 1
    assert (
        f"config/config.yaml, line {conditions_line}, qca[0].conditions (analysis 'success'): has 17 items; "
        "at most 16 are allowed" in found
    )
    assert (
        f"config/config.yaml, line {qca_line}, qca[1].name (analysis 'success'): 'success' is already the name of "
        "qca[0]; each analysis needs its own name"
    ) in found


def test_yaml_syntax_error_names_file_and_line(project):
    (project / "config/config.yaml").write_text("cases: config/cases.tsv\nvocabulary: [unclosed\n")
    assert problems() == [
        "config/config.yaml, line 3, column 1: YAML syntax error: expected ',' or ']', but got '<stream end>'"
    ]


def test_a_key_given_twice_and_non_finite_numbers(project):
    edit_config(project, lambda t: t.replace("  partial: 0.5\n", "  partial: .nan\n  full: 1.0\n"))
    # lines 11 (full), 12 (partial), 13 (the repeated full), counted after the edit
    assert problems() == [
        "config/config.yaml, line 13, observed_weights.full: the key is given twice (first on line 11); keep one",
        "config/config.yaml, line 12, observed_weights.partial: nan is not a finite number",
    ]


def test_vocabulary_problems_name_the_vocabulary_file(project):
    path = project / "config/vocabulary.yaml"
    path.write_text(path.read_text().replace("methods:", "method:", 1))
    # `methods:` is on line 14 of the shipped vocabulary
    assert problems() == [
        "config/vocabulary.yaml, line 14, method: unknown key 'method'; allowed: typology, methods, instigator_level, "
        "reported_success, framework_categories; did you mean 'methods'?",
        "config/vocabulary.yaml: 'methods' is missing (required: typology, methods, instigator_level, "
        "reported_success, framework_categories)",
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "case_id label path include\nA1 First  yes\n",
            [
                "config/cases.tsv, line 1: the header has no tabs ('case_id label path include'); separate the columns with tabs, not spaces"
            ],
        ),
        (
            "case_id\tlabel\tpath\tinclude\nA1 First data/raw/A1 yes\n",
            [
                "config/cases.tsv, line 2: has no tabs ('A1 First data/raw/A1 yes'); separate the columns with tabs, not spaces"
            ],
        ),
        (
            "case_id\tlabel\tpath\tinclde\nA1\tFirst\t\tyes\n",
            [
                "config/cases.tsv, line 1: unknown column 'inclde'; allowed: case_id, label, path, include; did you mean 'include'?",
                "config/cases.tsv, line 1: required column 'include' is missing (the header has: case_id, label, path, inclde)",
            ],
        ),
        (
            "case_id\tlabel\tpath\tinclude\nA1\tFirst\t\ttrue\nA1\tAgain\t\tyes\na1\tLower\t\tyes\nx/../y\tPath\t\tno\n",
            [
                "config/cases.tsv, line 2, column 'include': 'true' is not allowed; expected one of yes/within/no",
                "config/cases.tsv, line 3, column 'case_id': 'A1' is a duplicate (line 2); case ids must be unique",
                "config/cases.tsv, line 4, column 'case_id': 'a1' differs from 'A1' only in upper/lower case (line 2); case ids must be unique",
                "config/cases.tsv, line 5, column 'case_id': 'x/../y' is not allowed: expected a letter, then letters, digits, _ or - "
                "(at most 32 characters; no spaces, dots or slashes)",
            ],
        ),
        (
            "case_id\tlabel\tpath\tinclude\n",
            ["config/cases.tsv: lists no case; add one line per case below the header"],
        ),
        (
            "",
            [
                "config/cases.tsv: the case list is empty; expected a header line (case_id\tlabel\tpath\tinclude, separated by tabs) "
                "and one line per case"
            ],
        ),
    ],
)
def test_case_list_mistakes(project, text, expected):
    (project / "config/cases.tsv").write_text(text)
    assert problems() == expected


def test_bom_and_crlf_are_read(project):
    (project / "config/cases.tsv").write_bytes("\ufeffcase_id\tlabel\tpath\tinclude\r\nA1\tFirst\t\tYes\r\n".encode())
    cases = read_case_list("config/cases.tsv")
    assert cases.to_dict("records") == [{"case_id": "A1", "label": "First", "path": "data/raw/A1", "include": "yes"}]


def test_non_utf8_case_list(project):
    (project / "config/cases.tsv").write_bytes(b"case_id\tlabel\tpath\tinclude\nA1\tCaf\xe9\t\tyes\n")
    with pytest.raises(SettingsError) as caught:
        read_case_rows("config/cases.tsv")
    assert (
        str(caught.value) == "config/cases.tsv, line 2: the case list is not UTF-8 text (byte 0xe9); save it as UTF-8"
    )


def test_missing_case_list_names_the_setting(project):
    (project / "config/cases.tsv").unlink()
    assert problems() == ["config/cases.tsv: the case list does not exist"]


def test_case_folders_checked_before_the_run(project):
    (project / "data/raw/B2/case.xlsx").rename(project / "data/raw/B2/case.xlsm")
    (project / "data/raw/A1/survey.csv").symlink_to("/etc/hostname")
    (project / "config/cases.tsv").write_text(
        "case_id\tlabel\tpath\tinclude\nA1\tFirst\t\tyes\nB2\tSecond\t\tyes\nC3\tThird\t\tyes\nD4\tOut\t../d4\tyes\n"
        "E5\tOff\tnowhere\tno\n"
    )
    assert problems() == [
        "config/cases.tsv, line 2: case A1: data/raw/A1/survey.csv is a symbolic link (to /etc/hostname); links are "
        "refused unless allow_external_paths: true is set in config/config.yaml",
        "config/cases.tsv, line 3: case B2: data/raw/B2/case.xlsx is missing; every case folder needs its case.xlsx "
        "(found case.xlsm; save it as an Excel workbook .xlsx)",
        "config/cases.tsv, line 4: case C3: case folder data/raw/C3 does not exist (see the path column of config/cases.tsv)",
        f"config/cases.tsv, line 5: case D4: path ../d4 leads outside the project folder ({project.resolve()}); set "
        "allow_external_paths: true in config/config.yaml to allow it",
    ]  # E5 is not included: its folder is not needed


def test_links_allowed_when_the_config_says_so(project):
    (project / "data/raw/A1/survey.csv").unlink(missing_ok=True)
    target = project.parent / "elsewhere"
    shutil.copytree(project / "data/raw/B2", target)
    (project / "data/raw/B3").symlink_to(target)
    (project / "config/cases.tsv").write_text("case_id\tlabel\tpath\tinclude\nB2\tSecond\tdata/raw/B3\tyes\n")
    assert problems()[0].startswith("config/cases.tsv, line 2: case B2: data/raw/B3 is a symbolic link")
    edit_config(project, lambda t: t + "allow_external_paths: true\n")
    check_workflow_settings(source_columns=COLUMNS)


def test_no_included_case(project):
    (project / "config/cases.tsv").write_text("case_id\tlabel\tpath\tinclude\nA1\tFirst\t\tno\n")
    assert problems() == ["config/cases.tsv: no case has include = yes; there is nothing to compare"]


def test_did_you_mean():
    assert did_you_mean("Yes", ["yes", "no"]) == "; did you mean 'yes'?"
    assert did_you_mean("zzz", ["yes", "no"]) == ""
