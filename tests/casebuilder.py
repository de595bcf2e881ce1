"""Build small case workbooks for tests, sheet by sheet, with openpyxl.

`minimal_case(case_id)` gives valid sheet contents as plain lists of rows
(header first); tests change a cell and write it with `write_workbook`."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

from openpyxl import Workbook

from crosscase.ingest.contract import FRAMEWORK_CORE

REPO = Path(__file__).resolve().parents[1]
TYPOLOGY = {
    "level": ["macro", "meso", "micro"],
    "sector": ["acute", "primary", "social"],
    "form": ["public", "third", "private"],
    "role": ["provide", "purchase", "policy"],
    "population": ["mental_health", "learning_disability", "older_people"],
}
METHODS = ["interviews", "observations", "focus_groups", "documentary_analysis", "secondary_data_analysis", "survey"]
SUMMARY_STAGES = [
    "context_understood",
    "mechanism_planned",
    "outcome_expected",
    "outcome_realised",
    "mechanism_delivered",
    "context_experienced",
]
FRAMEWORK_HEADER = list(FRAMEWORK_CORE)


def minimal_case(
    case_id: str, present=("level.meso", "sector.social"), methods_used=("interviews",)
) -> dict[str, list[list]]:
    """Valid sheets for one small case: two contexts, a theory, two activities, two outcomes."""
    return {
        "case": [
            ["field", "value"],
            ["case_id", case_id],
            ["title", f"Title of {case_id}"],
            ["change_through", f"Change through {case_id}"],
            ["overview", f"Overview of {case_id}."],
            ["publications", f"PB-{case_id}"],
            ["instigator_level", "senior_management"],
            ["reported_success", "mixed"],
            ["sources", "test fixture"],
        ],
        "typology": [["dimension", "attribute", "present"]]
        + [
            [dim, attr, "yes" if f"{dim}.{attr}" in present else "no"]
            for dim, attrs in TYPOLOGY.items()
            for attr in attrs
        ],
        "methods": [["method", "used", "n", "notes"]]
        + [[m, "yes" if m in methods_used else "no", None, None] for m in METHODS],
        "framework": [
            FRAMEWORK_HEADER,
            [
                f"{case_id}-C1",
                "context",
                "external",
                "austerity_and_financial_pressure",
                "Cuts",
                "yes",
                "full",
                None,
                "s3.1",
            ],
            [
                f"{case_id}-C2",
                "context",
                "internal",
                "local_variation",
                "Localities differ",
                "no",
                "partial",
                None,
                "s3.1",
            ],
            [
                f"{case_id}-T1",
                "mechanism",
                "change_theory",
                "rational",
                "Training changes practice",
                "yes",
                "partial",
                None,
                "s3.1",
            ],
            [
                f"{case_id}-A1",
                "mechanism",
                "change_activity",
                "training_and_development",
                "Training",
                "yes",
                "full",
                None,
                "s3.1",
            ],
            [
                f"{case_id}-A2",
                "mechanism",
                "change_activity",
                "action_learning_sets",
                "Learning sets",
                "yes",
                "none",
                None,
                "s3.1",
            ],
            [
                f"{case_id}-O1",
                "outcome",
                "intermediary",
                "staff_skills_and_knowledge",
                "Skills",
                "yes",
                "full",
                "staff",
                "s3.1",
            ],
            [
                f"{case_id}-O2",
                "outcome",
                "long_term",
                "service_user_wellbeing",
                "Wellbeing",
                "yes",
                "unknown",
                "service users",
                "s3.1",
            ],
        ],
        "summary": [["stage", "text"]] + [[s, f"{s} of {case_id}"] for s in SUMMARY_STAGES],
    }


def write_workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    workbook.save(path)
    return path


def write_case(folder: Path, case_id: str, **kwargs) -> Path:
    return write_workbook(Path(folder) / "case.xlsx", minimal_case(case_id, **kwargs))


def edited(sheets: dict[str, list[list]], sheet: str, row: int, column: str, value) -> dict[str, list[list]]:
    """A copy of `sheets` with one cell changed; `row` is the Excel row number."""
    result = copy.deepcopy(sheets)
    header = result[sheet][0]
    result[sheet][row - 1][header.index(column)] = value
    return result


def copy_workflow(destination: Path, with_example_cases: bool = False) -> Path:
    """A runnable copy of the workflow (workflow/, config, profiles) in `destination`."""
    destination = Path(destination)
    destination.mkdir(parents=True, exist_ok=True)
    for name in ("workflow", "config", "profiles", "environment.yml"):
        source = REPO / name
        if not source.exists():
            continue
        if source.is_dir():
            shutil.copytree(source, destination / name)
        else:
            shutil.copy(source, destination / name)
    (destination / "data" / "raw").mkdir(parents=True, exist_ok=True)
    if with_example_cases:
        shutil.copytree(REPO / "data" / "raw", destination / "data" / "raw", dirs_exist_ok=True)
    return destination


def write_case_list(workflow: Path, rows: list[tuple[str, str, str, str]]) -> None:
    lines = ["case_id\tlabel\tpath\tinclude"] + ["\t".join(r) for r in rows]
    (Path(workflow) / "config" / "cases.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
