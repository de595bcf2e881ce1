"""`crosscase qca`: the report, the JSON document and the exit codes."""

import json
import subprocess
import sys

import pytest

from crosscase.cli import qca as qca_cli

LIPSET_CRISP = """case,DEV,URB,LIT,IND,STB,SURV
AU,1,0,1,1,0,0
BE,1,1,1,1,1,1
CZ,1,1,1,1,1,1
EE,0,0,1,0,1,0
FI,1,0,1,0,1,1
FR,1,0,1,1,1,1
DE,1,1,1,1,0,0
GR,0,0,0,0,0,0
HU,0,0,1,0,0,0
IE,1,0,1,0,1,1
IT,0,0,0,0,1,0
NL,1,1,1,1,1,1
PL,0,0,1,0,0,0
PT,0,0,0,0,0,0
RO,0,0,0,0,1,0
ES,0,0,0,0,0,0
SE,1,0,1,1,1,1
UK,1,1,1,1,1,1
"""
CONDITIONS = "DEV,URB,LIT,IND,STB"


@pytest.fixture
def lipset_csv(tmp_path):
    path = tmp_path / "lipset.csv"
    path.write_text(LIPSET_CRISP)
    return str(path)


def run_cli(capsys, *argv):
    code = qca_cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_report_prints_truth_table_and_r_style_model(capsys, lipset_csv):
    code, out, err = run_cli(capsys, lipset_csv, "--outcome", "SURV", "--conditions", CONDITIONS)
    assert code == 0 and err == ""
    assert "M1: DEV*~URB*LIT*STB + DEV*LIT*IND*STB <=> SURV" in out
    row22 = next(line for line in out.splitlines() if line.startswith("22 "))
    assert row22.split() == ["22", "1", "0", "1", "0", "1", "1", "2", "1.000", "1.000", "FI,IE"]
    term = next(line for line in out.splitlines() if line.startswith("DEV*~URB*LIT*STB "))
    assert term.split()[:5] == ["DEV*~URB*LIT*STB", "1.000", "1.000", "0.500", "0.250"]


def test_json_parsimonious_with_theory(capsys, lipset_csv):
    code, out, _ = run_cli(
        capsys,
        lipset_csv,
        "--outcome",
        "SURV",
        "--conditions",
        CONDITIONS,
        "--include-remainders",
        "--theory",
        "DEV*STB + URB",
        "--json",
    )
    assert code == 0
    doc = json.loads(out)
    assert list(doc)[:7] == [
        "outcome",
        "negated",
        "conditions",
        "truth_table",
        "solution",
        "necessity",
        "theory_evaluation",
    ]
    assert doc["outcome"] == "SURV" and doc["negated"] is False and doc["conditions"] == CONDITIONS.split(",")
    rows = {r["row"]: r for r in doc["truth_table"]}
    assert len(rows) == 32 and rows[18]["out"] == "?" and rows[18]["incl"] is None
    assert rows[22] == {
        "row": 22,
        "config": "10101",
        "out": "1",
        "n": 2,
        "incl": 1.0,
        "pri": 1.0,
        "cases": ["FI", "IE"],
    }
    solution = doc["solution"]
    assert solution["type"] == "parsimonious" and solution["simplifying_assumptions"] == [18, 20, 26, 28, 30]
    model = solution["models"][0]
    assert (model["name"], model["expression"], model["incl"], model["pri"], model["cov"]) == (
        "M1",
        "DEV*STB",
        1.0,
        1.0,
        1.0,
    )
    assert model["terms"][0]["term"] == "DEV*STB" and model["terms"][0]["cov_unique"] == 1.0
    necessity = {e["condition"]: e for e in doc["necessity"]}
    assert necessity["DEV"] == {"condition": "DEV", "incl": 1.0, "ron": 0.8, "cov": 0.8}
    evaluation = doc["theory_evaluation"][0]
    assert evaluation["model"] == "M1" and evaluation["theory"] == "DEV*STB + URB"
    # theory URB + DEV*STB: BE,CZ,NL,UK (URB) and the DEV*STB cases; DE has URB without SURV
    assert evaluation["fit"]["theory"]["incl"] == pytest.approx(8 / 9)
    assert evaluation["fit"]["~model*theory"]["incl"] == 0.0
    assert evaluation["cases"]["~model*theory"] == ["DE"]
    # the model lies inside the theory: model*~theory is empty, its fit NA (null)
    assert evaluation["fit"]["model*~theory"] == {"incl": None, "pri": None, "cov": None}
    assert evaluation["cases"]["model*~theory"] == []
    assert evaluation["fit"]["model*theory"]["incl"] == 1.0
    assert evaluation["cases"]["model*theory"] == ["BE", "CZ", "FI", "FR", "IE", "NL", "SE", "UK"]


def test_json_two_cuts_and_negated_outcome(capsys, tmp_path):
    path = tmp_path / "small.csv"
    path.write_text("id,A,B,Y\nc1,1,1,1\nc2,1,1,1\nc3,1,1,1\nc4,1,1,0\nc5,0,0,0\nc6,0,1,0\nc7,1,0,1\n")
    code, out, _ = run_cli(
        capsys, str(path), "--outcome", "Y", "--conditions", "A,B", "--incl-cut", "0.8,0.7", "--json"
    )
    assert code == 0
    rows = {r["row"]: r["out"] for r in json.loads(out)["truth_table"]}
    assert rows == {1: "0", 2: "0", 3: "1", 4: "C"}
    code, out, _ = run_cli(capsys, str(path), "--outcome", "Y", "--conditions", "A,B", "--negate-outcome", "--json")
    doc = json.loads(out)
    assert doc["negated"] is True and doc["solution"]["models"][0]["expression"] == "~A"


def test_intermediate_from_the_command_line(capsys, lipset_csv):
    code, out, _ = run_cli(
        capsys,
        lipset_csv,
        "--outcome",
        "SURV",
        "--conditions",
        CONDITIONS,
        "--include-remainders",
        "--dir-exp",
        "DEV=1,URB=1,LIT=1,IND=1,STB=1",
        "--json",
    )
    doc = json.loads(out)
    assert doc["solution"]["type"] == "intermediate"
    assert [m["expression"] for m in doc["solution"]["models"]] == ["DEV*LIT*STB"]
    assert doc["parameters"]["dir_exp"] == "DEV=1,URB=1,LIT=1,IND=1,STB=1"


@pytest.mark.parametrize(
    "csv_text, argv, message",
    [
        (
            "case,A,Y\na,1.4,1\nb,0,0\n",
            ["--conditions", "A"],
            "column 'A', case 'a': membership '1.4' is outside [0, 1]",
        ),
        ("case,A,Y\na,yes,1\nb,0,0\n", ["--conditions", "A"], "column 'A' is not numeric: case 'a' has value 'yes'"),
        ("case,A,Y\na,1,1\nb,0,0\n", ["--conditions", "A,B"], "'B' not found in the data"),
        ("case,A,Y\na,1,\nb,0,0\n", ["--conditions", "A"], "column 'Y' has a missing value for case 'a'"),
        (
            "case,A,Y\na,1,1\nb,0,0\n",
            ["--conditions", "A", "--incl-cut", "high"],
            "--incl-cut expects one or two numbers",
        ),
        ("case,A,Y\na,1,1\nb,0,0\n", ["--conditions", "A", "--dir-exp", "A=1"], "--dir-exp needs --include-remainders"),
        ("case,A,Y\na,1,1\nb,0,0\n", ["--conditions", "A", "--theory", "A*C"], "unknown condition 'C'"),
    ],
)
def test_bad_input_exits_2_with_a_clear_message(capsys, tmp_path, csv_text, argv, message):
    path = tmp_path / "bad.csv"
    path.write_text(csv_text)
    code, out, err = run_cli(capsys, str(path), "--outcome", "Y", *argv)
    assert code == 2 and out == ""
    assert err.startswith("crosscase qca: error: ") and message in err


def test_missing_file_exits_2(capsys, tmp_path):
    code, _, err = run_cli(capsys, str(tmp_path / "none.csv"), "--outcome", "Y", "--conditions", "A")
    assert code == 2 and "data file not found" in err


def test_console_command_runs_through_the_crosscase_dispatcher(tmp_path, lipset_csv):
    ok = subprocess.run(
        [
            sys.executable,
            "-m",
            "crosscase.cli.main",
            "qca",
            lipset_csv,
            "--outcome",
            "SURV",
            "--conditions",
            CONDITIONS,
            "--json",
        ],
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["solution"]["models"][0]["expression"] == "DEV*~URB*LIT*STB + DEV*LIT*IND*STB"
    bad = tmp_path / "bad.csv"
    bad.write_text("case,A,Y\na,2,1\nb,0,0\n")
    failed = subprocess.run(
        [sys.executable, "-m", "crosscase.cli.main", "qca", str(bad), "--outcome", "Y", "--conditions", "A"],
        capture_output=True,
        text=True,
    )
    assert failed.returncode == 2
    assert "Traceback" not in failed.stderr and "membership '2' is outside [0, 1]" in failed.stderr


def test_excel_exports_semicolons_windows_encoding_and_decimal_commas(tmp_path):
    """The same three cases as comma-separated UTF-8 and as a European Excel
    export (semicolons, decimal commas, Windows-1252 'é' in a case name) give
    the same analysis (crosscase.cli.qca.load)."""
    from crosscase.cli.qca import load

    plain = tmp_path / "plain.csv"
    plain.write_text("case,A,Y\nCafé,0.8,1\nB,0.2,0\nC,0.6,1\n", encoding="utf-8")
    excel = tmp_path / "excel.csv"
    excel.write_bytes("case;A;Y\r\nCafé;0,8;1\r\nB;0,2;0\r\nC;0,6;1\r\n".encode("cp1252"))
    assert (
        load(str(excel)).to_dict("records")
        == load(str(plain)).to_dict("records")
        == [
            {"case": "Café", "A": "0.8", "Y": "1"},
            {"case": "B", "A": "0.2", "Y": "0"},
            {"case": "C", "A": "0.6", "Y": "1"},
        ]
    )
