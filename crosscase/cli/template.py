"""Case workbook templates for `crosscase new-case`.

A template is a case.xlsx with every sheet of the case-folder contract, its
header row in bold with a comment on each header cell explaining the column,
the fixed rows prefilled (the case sheet's fields, a typology row for every
vocabulary attribute, a methods row for every method, the six summary stages),
and Excel drop-down lists (data validation) on every controlled column, drawn
from the vocabulary. Long lists live on a hidden sheet `lists`, which the
validator ignores (it reads only the sheets of the contract).

Optional workbooks (survey, interviews, secondary) get the same treatment.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from crosscase.common.problems import UserInputError
from crosscase.ingest.contract import (
    CASE_FIELDS,
    CONTEXT_DIRECTIONS,
    DIRECTIONS,
    FACETS_BY_STAGE,
    FRAMEWORK_CORE,
    FRAMEWORK_OPTIONAL,
    OBSERVED_LEVELS,
    SCHEMAS,
    SEVERITIES,
    SOURCE_TYPES,
    STAGES,
    SUMMARY_STAGES,
)
from crosscase.ingest.vocabulary import Vocabulary

LISTS_SHEET = "lists"
TEMPLATE_ROWS = 1000  # rows of open-ended sheets that get drop-downs
INLINE_LIST_LIMIT = 255  # Excel's limit for a list typed into the validation
YES_NO = ("yes", "no")
TEMPLATE_DATE = dt.datetime(2000, 1, 1)
OPTIONAL_KINDS = ("survey", "interviews", "secondary")

# What each column holds: the comment on its header cell.
HEADER_NOTES: dict[str, dict[str, str]] = {
    "case": {
        "field": "The facts about the case, one per row. Keep the field names as they are; case_id, title, change_through, instigator_level and reported_success are required.",
        "value": "The value of the field. case_id must equal this case's row in config/cases.tsv. instigator_level and reported_success have drop-down lists. publication_theories (optional): theories the case's publications drew on, separated by ;.",
    },
    "typology": {
        "dimension": "Dimension of the case typology (Table 2): level, sector, form, role, population (config/vocabulary.yaml).",
        "attribute": "Attribute of that dimension, e.g. meso for level. One row per attribute of the vocabulary.",
        "present": "yes if the case has this attribute, no (or blank) if not. Also accepted: 1/0, X/blank, true/false.",
    },
    "methods": {
        "method": "Method of data collection (Table 3): one row per method of the vocabulary.",
        "used": "yes if the case study used this method, else no.",
        "n": "Optional: how many (interviews, observations, groups, documents, respondents). A whole number of 0 or more.",
        "notes": "Optional free text about how the method was used.",
    },
    "framework": {
        "item_id": "Identifier of the item, unique within this case (e.g. C1, A2, O3). Evidence and metrics refer to it.",
        "stage": "context, mechanism or outcome (Table 4 of the thesis).",
        "facet": "context: internal or external; mechanism: change_theory or change_activity; outcome: intermediary or long_term.",
        "category": "Zero or more vocabulary terms for the item's stage, separated by ; (e.g. training_and_development; action_learning_sets). The drop-down offers the terms of the row's stage.",
        "description": "What the context factor, change theory, activity or outcome was, in a sentence.",
        "anticipated": "yes if it was part of the context as understood, the mechanism as planned or the outcomes as expected; no if it was not foreseen.",
        "observed": "How fully it was experienced, delivered or realised: full, partial, none, or unknown (not known; left out of the metrics).",
        "beneficiary": "Outcomes only: who benefits (e.g. staff, service users). Leave blank for context and mechanism items.",
        "evidence": "Which source supports the item (free text). May cite survey:ITEM, code:CODE or indicator:NAME from the optional workbooks.",
        "links": "Optional: item_ids of this sheet, separated by ;. An activity names the change theory or theories it implements; an outcome the mechanism(s) expected to produce it; a context factor the mechanism or outcome items it affects. Builds the context-mechanism-outcome chains (cmo.csv).",
        "direction": "Optional, context only: enabler (it helped the programme) or barrier (it hindered it).",
        "severity": "Optional, context only: minor or major. major = it undermined the programme as a whole or prevented an expected outcome; minor = it made things harder or limited results in some places (docs/method.md).",
        "adherence": "Optional, change theories only: was the theory adhered to throughout the programme? full, partial, none or unknown.",
        "proved_correct": "Optional, change theories only: did the theory prove correct in practice? full, partial, none or unknown (kept apart from adherence).",
        "realised_for": "Optional, outcomes only: where the outcome differed by beneficiary group or locality, 'group=level; group=level' (levels full/partial/none/unknown), e.g. 'five teams=full; two localities=none'.",
        "explicit_theory": "Optional, change theories only: which of the item's wider-theory categories the programme drew on explicitly (separated by ;); the others count as attributed by the analyst.",
        "memo": "Optional: why the item is scored as it is (the rationale of each judgement, e.g. the sentence it rests on).",
    },
    "summary": {
        "stage": "The six stages of Table 4, in order: context understood, mechanism planned, outcome expected, outcome realised, mechanism delivered, context experienced.",
        "text": "A short summary of the case at this stage, as in the tables of section 3.1.",
    },
    "items": {
        "item_id": "Identifier of the survey item; also the column name of the item in the responses sheet.",
        "text": "The wording of the item.",
        "construct": "The construct (scale) the item belongs to; items of a construct are summarised together.",
        "scale_min": "Lowest answer on the item's scale (whole number, e.g. 1).",
        "scale_max": "Highest answer on the item's scale (whole number, e.g. 5).",
        "reverse": "yes if the item is reverse-scored, else no.",
    },
    "responses": {
        "respondent_id": "Identifier of the respondent; the same id in two waves makes a matched pair.",
        "wave": "The wave, such as pre or post; blank for a single wave. Add one column per item_id after this one.",
    },
    "codebook": {
        "code": "The code (theme) name, unique.",
        "parent": "The parent code, if codes nest; blank for a top-level code.",
        "description": "What the code means.",
        "summary": "Optional: your summary of this code in this case (a memo): the cell text of the framework matrix. "
        "Leave blank if none; the matrix then says 'summary not written'.",
    },
    "segments": {
        "segment_id": "Identifier of the coded segment, unique.",
        "source_id": "The interview, focus group, observation or document the segment comes from.",
        "source_type": "interview, focus_group, observation or document.",
        "group_id": "The focus group or other grouping the participant was in; may be blank.",
        "participant_id": "Who said it (an anonymised id).",
        "participant_role": "The participant's role (e.g. manager, frontline staff, service user).",
        "code": "The code applied to the segment (from the codebook sheet).",
        "text": "The coded text.",
        "emphasis": "Optional: how strongly it was expressed, 0 to 3.",
        "coder": "Optional: who applied the code. Two coders of one source give the inter-coder agreement.",
        "question": "Optional: the focus-group question or prompt id (listed in sheet questions).",
        "cycle": "Optional: the action-research cycle (or wave) the segment belongs to.",
        "moderator_note": "Optional: the moderator's or note-taker's note on the passage.",
    },
    "questions": {
        "question": "The question or prompt id used in the segments sheet, unique.",
        "text": "The question as it was asked.",
    },
    "indicators": {
        "indicator": "Name of the indicator.",
        "period": "The period the value refers to (e.g. 2011, 2011-Q2); periods sort as text.",
        "value": "The value (a number).",
        "unit": "Unit of the value (e.g. people, %, GBP).",
        "target": "Optional target value (a number).",
        "direction": "higher if a higher value is better, lower if a lower value is better.",
        "source": "Where the value was taken from.",
    },
}

OPTIONAL_SHEETS: dict[str, dict[str, tuple[str, ...]]] = {
    "survey": {
        "items": ("item_id", "text", "construct", "scale_min", "scale_max", "reverse"),
        "responses": ("respondent_id", "wave"),
    },
    "interviews": {
        "codebook": ("code", "parent", "description", "summary"),
        # what a person fills in: every column but the REFI-QDA character offsets
        "segments": tuple(n for n in SCHEMAS["segments"].names if n not in ("start", "end")),
        "questions": ("question", "text"),
    },
    "secondary": {
        "indicators": ("indicator", "period", "value", "unit", "target", "direction", "source"),
    },
}

CASE_SHEETS: dict[str, tuple[str, ...]] = {
    "case": ("field", "value"),
    "typology": ("dimension", "attribute", "present"),
    "methods": ("method", "used", "n", "notes"),
    "framework": (*FRAMEWORK_CORE, *FRAMEWORK_OPTIONAL),
    "summary": ("stage", "text"),
}
COLUMN_WIDTHS = {
    "memo": 50,
    "links": 24,
    "realised_for": 36,
    "value": 70,
    "description": 50,
    "text": 60,
    "notes": 40,
    "evidence": 30,
    "category": 40,
    "overview": 60,
}


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


class _Lists:
    """Builds the hidden `lists` sheet: one column per list, a defined name per
    list, and the validation formula that points at it."""

    def __init__(self, workbook):
        self.workbook = workbook
        self.sheet = None
        self.formulas: dict[str, str] = {}

    def formula(self, name: str, items, inline_ok: bool = True) -> str:
        """The validation formula (as stored in the file: no leading '=')."""
        items = [str(i) for i in items]
        if name in self.formulas:
            return self.formulas[name]
        inline = '"' + ",".join(items) + '"'
        if inline_ok and len(inline) <= INLINE_LIST_LIMIT and not any("," in i or '"' in i for i in items):
            self.formulas[name] = inline
            return inline
        self.formulas[name] = self.add_range(name, items)
        return self.formulas[name]

    def add_range(self, name: str, items) -> str:
        from openpyxl.workbook.defined_name import DefinedName

        if self.sheet is None:
            self.sheet = self.workbook.create_sheet(LISTS_SHEET)
            self.sheet.sheet_state = "hidden"
        column = self.sheet.max_column + 1 if self.sheet.max_row > 1 or self.sheet["A1"].value else 1
        letter = _letter(column)
        self.sheet.cell(row=1, column=column, value=name)
        for row, item in enumerate(items, start=2):
            self.sheet.cell(row=row, column=column, value=item)
        last = max(2, len(items) + 1)
        reference = f"{LISTS_SHEET}!${letter}$2:${letter}${last}"
        self.workbook.defined_names[name] = DefinedName(name, attr_text=reference)
        return reference


def _list_validation(formula: str, cells: str, prompt: str = "", strict: bool = True):
    from openpyxl.worksheet.datavalidation import DataValidation

    validation = DataValidation(type="list", formula1=formula, allow_blank=True, showDropDown=False)
    validation.showErrorMessage = strict
    if strict:
        validation.errorTitle = "Not in the list"
        validation.error = "Choose a value from the drop-down list (the vocabulary is in config/vocabulary.yaml)."
    if prompt:
        validation.showInputMessage = True
        validation.prompt = prompt[:255]
    validation.add(cells)
    return validation


def _whole_validation(cells: str, minimum: int = 0, maximum: int | None = None):
    from openpyxl.worksheet.datavalidation import DataValidation

    if maximum is None:
        validation = DataValidation(
            type="whole", operator="greaterThanOrEqual", formula1=str(minimum), allow_blank=True
        )
        validation.error = f"A whole number of {minimum} or more."
    else:
        validation = DataValidation(
            type="whole", operator="between", formula1=str(minimum), formula2=str(maximum), allow_blank=True
        )
        validation.error = f"A whole number from {minimum} to {maximum}."
    validation.showErrorMessage = True
    validation.errorTitle = "Not a valid number"
    validation.add(cells)
    return validation


def _decimal_validation(cells: str):
    from openpyxl.worksheet.datavalidation import DataValidation

    validation = DataValidation(
        type="decimal", operator="between", formula1="-1E+300", formula2="1E+300", allow_blank=True
    )
    validation.showErrorMessage = True
    validation.errorTitle = "Not a number"
    validation.error = "Enter a number."
    validation.add(cells)
    return validation


def _column_of(sheet, name: str) -> str | None:
    for cell in sheet[1]:
        if cell.value is not None and str(cell.value).strip() == name:
            return cell.column_letter
    return None


def _style_header(sheet, notes: dict[str, str]) -> None:
    """Bold frozen header, a comment on each known header cell, sensible widths."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    fill = PatternFill("solid", start_color="FFDDE4EE", end_color="FFDDE4EE")
    for cell in sheet[1]:
        if cell.value is None:
            continue
        name = str(cell.value).strip()
        cell.font = Font(bold=True)
        cell.fill = fill
        note = notes.get(name)
        if note:
            comment = Comment(f"{name}: {note}", "crosscase")
            comment.width = 320
            comment.height = 140
            cell.comment = comment
        sheet.column_dimensions[cell.column_letter].width = COLUMN_WIDTHS.get(name, max(12, len(name) + 4))
    sheet.freeze_panes = "A2"


def _rows_range(sheet, column: str | None, last_row: int) -> str | None:
    return f"{column}2:{column}{last_row}" if column else None


def decorate_case_workbook(workbook, vocabulary: Vocabulary) -> None:
    """Add header comments and drop-down lists to the sheets of a case workbook
    (blank or copied). Existing validations and any old `lists` sheet are replaced."""
    from openpyxl.worksheet.datavalidation import DataValidationList

    if LISTS_SHEET in workbook.sheetnames:
        del workbook[LISTS_SHEET]
    for name in list(workbook.defined_names):
        if name.startswith(("list_", "categories_")):
            del workbook.defined_names[name]
    lists = _Lists(workbook)
    for sheet in workbook.worksheets:
        sheet.data_validations = DataValidationList()

    def add(sheet, validation):
        if validation is not None:
            sheet.add_data_validation(validation)

    if "case" in workbook.sheetnames:
        sheet = workbook["case"]
        _style_header(sheet, HEADER_NOTES["case"])
        field_col, value_col = _column_of(sheet, "field"), _column_of(sheet, "value")
        if field_col:
            add(
                sheet,
                _list_validation(
                    lists.formula("list_case_field", CASE_FIELDS), f"{field_col}2:{field_col}{len(CASE_FIELDS) + 20}"
                ),
            )
        if field_col and value_col:
            choices = {"instigator_level": vocabulary.instigator_level, "reported_success": vocabulary.reported_success}
            for row in range(2, sheet.max_row + 1):
                field = sheet[f"{field_col}{row}"].value
                if field in choices:
                    formula = lists.formula(f"list_{field}", choices[field])
                    add(sheet, _list_validation(formula, f"{value_col}{row}", prompt=f"{field}: choose one"))

    if "typology" in workbook.sheetnames:
        sheet = workbook["typology"]
        _style_header(sheet, HEADER_NOTES["typology"])
        last = max(sheet.max_row, 2) + 50
        attributes = list(dict.fromkeys(a for attrs in vocabulary.typology.values() for a in attrs))
        for column, formula in (
            ("dimension", lists.formula("list_dimension", list(vocabulary.typology))),
            ("attribute", lists.formula("list_attribute", attributes)),
            ("present", lists.formula("list_yes_no", YES_NO)),
        ):
            cells = _rows_range(sheet, _column_of(sheet, column), last)
            if cells:
                add(sheet, _list_validation(formula, cells))

    if "methods" in workbook.sheetnames:
        sheet = workbook["methods"]
        _style_header(sheet, HEADER_NOTES["methods"])
        last = max(sheet.max_row, 2) + 50
        for column, formula in (
            ("method", lists.formula("list_method", vocabulary.methods)),
            ("used", lists.formula("list_yes_no", YES_NO)),
        ):
            cells = _rows_range(sheet, _column_of(sheet, column), last)
            if cells:
                add(sheet, _list_validation(formula, cells))
        cells = _rows_range(sheet, _column_of(sheet, "n"), last)
        if cells:
            add(sheet, _whole_validation(cells))

    if "framework" in workbook.sheetnames:
        sheet = workbook["framework"]
        _style_header(sheet, HEADER_NOTES["framework"])
        last = max(sheet.max_row, 1) + TEMPLATE_ROWS
        facets = [f for stage in STAGES for f in FACETS_BY_STAGE[stage]]
        for column, formula in (
            ("stage", lists.formula("list_stage", STAGES)),
            ("facet", lists.formula("list_facet", facets)),
            ("anticipated", lists.formula("list_yes_no", YES_NO)),
            ("observed", lists.formula("list_observed", OBSERVED_LEVELS)),
            ("direction", lists.formula("list_context_direction", CONTEXT_DIRECTIONS)),
            ("severity", lists.formula("list_severity", SEVERITIES)),
            ("adherence", lists.formula("list_observed", OBSERVED_LEVELS)),
            ("proved_correct", lists.formula("list_observed", OBSERVED_LEVELS)),
        ):
            cells = _rows_range(sheet, _column_of(sheet, column), last)
            if cells:
                add(sheet, _list_validation(formula, cells))
        # category: the terms of the row's stage, through a defined name per
        # stage (categories_context, ...). Not strict: a cell may hold several
        # terms separated by ';', which the pipeline checks term by term.
        for stage in STAGES:
            lists.formula(f"categories_{stage}", vocabulary.framework_categories.get(stage, ()), inline_ok=False)
        stage_col, category_col = _column_of(sheet, "stage"), _column_of(sheet, "category")
        if stage_col and category_col:
            add(
                sheet,
                _list_validation(
                    f'INDIRECT("categories_"&${stage_col}2)',
                    f"{category_col}2:{category_col}{last}",
                    prompt="Terms for this row's stage; several are separated by ;",
                    strict=False,
                ),
            )

    if "summary" in workbook.sheetnames:
        sheet = workbook["summary"]
        _style_header(sheet, HEADER_NOTES["summary"])
        cells = _rows_range(sheet, _column_of(sheet, "stage"), len(SUMMARY_STAGES) + 10)
        if cells:
            add(sheet, _list_validation(lists.formula("list_summary_stage", SUMMARY_STAGES), cells))

    # the lists sheet goes last, out of the way
    if LISTS_SHEET in workbook.sheetnames:
        workbook.move_sheet(LISTS_SHEET, offset=len(workbook.sheetnames) - 1 - workbook.sheetnames.index(LISTS_SHEET))


def resources_row(case_id: str) -> list:
    """The framework row every default analysis needs and new users miss: the
    programme's resources, anticipated context (the QCA analysis `success` takes
    its condition RESOURCES from it). Its description and observed judgement are
    left for the researcher: never invented, and validation asks for them."""
    values = {"item_id": f"{case_id}-C01", "stage": "context", "facet": "internal", "category": "resources"}
    values["anticipated"] = "yes"
    return [values.get(column) for column in CASE_SHEETS["framework"]]


def blank_case_workbook(case_id: str, vocabulary: Vocabulary):
    """A new case.xlsx: every sheet, fixed rows prefilled, drop-downs and comments."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    rows = {
        "case": [[field, case_id if field == "case_id" else None] for field in CASE_FIELDS],
        "typology": [[dim, attr, None] for dim, attrs in vocabulary.typology.items() for attr in attrs],
        "methods": [[method, None, None, None] for method in vocabulary.methods],
        "framework": [resources_row(case_id)],
        "summary": [[stage, None] for stage in SUMMARY_STAGES],
    }
    for name, header in CASE_SHEETS.items():
        sheet = workbook.create_sheet(name)
        sheet.append(list(header))
        for row in rows[name]:
            sheet.append(row)
    decorate_case_workbook(workbook, vocabulary)
    return workbook


class TemplateError(UserInputError):
    """The source workbook of `--from` cannot be used."""


def copied_case_workbook(source: str | Path, case_id: str, vocabulary: Vocabulary):
    """An existing case.xlsx with its case_id replaced, re-decorated."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(source)
    except Exception as exc:  # openpyxl raises several types for bad files
        raise TemplateError(f"{source}: cannot be read as an Excel workbook (.xlsx): {exc}") from None
    if "case" not in workbook.sheetnames:
        raise TemplateError(f"{source}: has no sheet 'case' to copy the case from")
    sheet = workbook["case"]
    field_col, value_col = _column_of(sheet, "field"), _column_of(sheet, "value")
    if not field_col or not value_col:
        raise TemplateError(f"{source}, sheet 'case': the header row needs the columns 'field' and 'value'")
    replaced = False
    for row in range(2, sheet.max_row + 1):
        if str(sheet[f"{field_col}{row}"].value or "").strip() == "case_id":
            sheet[f"{value_col}{row}"].value = case_id
            replaced = True
    if not replaced:
        sheet.append(["case_id", case_id])
    decorate_case_workbook(workbook, vocabulary)
    return workbook


def optional_workbook(kind: str):
    """A blank survey.xlsx, interviews.xlsx or secondary.xlsx with headers,
    comments and drop-downs."""
    from openpyxl import Workbook

    if kind not in OPTIONAL_SHEETS:
        raise ValueError(f"unknown optional workbook '{kind}' (expected one of {', '.join(OPTIONAL_KINDS)})")
    workbook = Workbook()
    workbook.remove(workbook.active)
    lists = _Lists(workbook)
    last = TEMPLATE_ROWS + 1
    for name, header in OPTIONAL_SHEETS[kind].items():
        sheet = workbook.create_sheet(name)
        sheet.append(list(header))
        _style_header(sheet, HEADER_NOTES[name])

        def cells(column, sheet=sheet):
            letter = _column_of(sheet, column)
            return f"{letter}2:{letter}{last}" if letter else None

        if name == "items":
            sheet.add_data_validation(_list_validation(lists.formula("list_yes_no", YES_NO), cells("reverse")))
            sheet.add_data_validation(
                _whole_validation(
                    f"{_column_of(sheet, 'scale_min')}2:{_column_of(sheet, 'scale_max')}{last}", minimum=-1000
                )
            )
        elif name == "segments":
            sheet.add_data_validation(
                _list_validation(lists.formula("list_source_type", SOURCE_TYPES), cells("source_type"))
            )
            sheet.add_data_validation(_whole_validation(cells("emphasis"), 0, 3))
            sheet.add_data_validation(
                _list_validation(f"codebook!$A$2:$A${last}", cells("code"), prompt="A code from the codebook sheet")
            )
        elif name == "indicators":
            sheet.add_data_validation(_list_validation(lists.formula("list_direction", DIRECTIONS), cells("direction")))
            sheet.add_data_validation(_decimal_validation(cells("value")))
            sheet.add_data_validation(_decimal_validation(cells("target")))
    return workbook


def save(workbook, path: str | Path) -> None:
    """Write with pinned dates, so that the same template gives the same bytes."""
    from crosscase.outputs.workbook import save_workbook

    save_workbook(workbook, path, TEMPLATE_DATE)
