"""The registry of outputs: every table, dataset, page and figure the workflow
writes, declared once.

Each :class:`Output` says where the file goes (relative to ``results/``, with
``{case}`` for one file per case and ``{analysis}`` for one per configured QCA
analysis), its title and what it holds, its stage, and which rule writes it
under which output name. From this one list:

* the rules take their ``output:`` (:func:`rule_outputs`) and the workflow its
  targets (:func:`targets`);
* the synthesis workbook and Markdown take their tables, titles, descriptions
  and order (:func:`synthesis_tables_of`, :func:`describe`);
* the HTML report takes its table pages and figures (:func:`report_pages`,
  :func:`figures`).

Adding a table to a stage: one :class:`Output` here and the code that writes
it. The module has no imports from the stages, so every layer may use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

RESULTS = "results"

# Stages in the order of the synthesis (the thesis's order: Tables 1-3, the
# within-case summaries, the cross-case comparison, then the evidence and QCA).
STAGES: tuple[str, ...] = ("tables", "within", "crosscase", "typology", "evidence", "qca", "synthesis", "figures")

# kind: what a file is. Only "table" files (CSV) become workbook sheets and
# Markdown tables; "result" is a QCA JSON document (several sheets).
KINDS = ("table", "dataset", "page", "result", "figure", "workbook", "record", "export")


@dataclass(frozen=True)
class Output:
    path: str
    title: str
    description: str
    stage: str
    rule: str
    key: str
    kind: str = "table"
    report_page: bool = False  # a page of its own in the HTML report

    def __post_init__(self):
        if self.stage not in STAGES:
            raise ValueError(f"{self.path}: unknown stage {self.stage!r}")
        if self.kind not in KINDS:
            raise ValueError(f"{self.path}: unknown kind {self.kind!r}")

    @property
    def scope(self) -> str:
        """'case' (one file per case), 'analysis' (one per QCA analysis) or 'synthesis'."""
        if "{case}" in self.path:
            return "case"
        if "{analysis}" in self.path:
            return "analysis"
        return "synthesis"

    @property
    def results_path(self) -> str:
        return f"{RESULTS}/{self.path}"

    def expand(self, case_ids=(), analyses=()) -> list[str]:
        if self.scope == "case":
            return [self.results_path.format(case=case) for case in case_ids]
        if self.scope == "analysis":
            return [self.results_path.format(analysis=name) for name in analyses]
        return [self.results_path]

    def matches(self, path: str) -> bool:
        """Whether `path` (under results/ or relative to it) is a file of this output."""
        posix = PurePosixPath(str(path).replace("\\", "/"))
        pattern = self.results_path.replace("{case}", "*").replace("{analysis}", "*")
        return posix.match(pattern) or posix.match(pattern.split("/", 1)[1])


def _normalised(table: str) -> str:
    return f"normalised/{table}/case_id={{case}}/part-0.parquet"


# ---------------------------------------------------------------------------
# The declarations, in the order of the synthesis.

_T = "tables"
OUTPUTS: tuple[Output, ...] = (
    # Tables 1-3 of the thesis, one row (or mark) per included case.
    Output(
        "tables/table1_case_overview.csv",
        "Table 1 Case overview",
        "Table 1 of the thesis: each included case, what it managed change through, an overview and its "
        "publications (from the `case` sheet of each case.xlsx).",
        _T,
        "case_tables",
        "table1_csv",
        report_page=True,
    ),
    Output(
        "tables/table1_case_overview.parquet",
        "Table 1 Case overview (typed)",
        "Table 1 as typed Parquet.",
        _T,
        "case_tables",
        "table1_parquet",
        kind="dataset",
    ),
    Output(
        "tables/table2_typology.csv",
        "Table 2 Typology",
        "Table 2 of the thesis: the sampling frame. One column per vocabulary attribute (`dimension.attribute`); "
        "X where the case has it (from the `typology` sheets).",
        _T,
        "case_tables",
        "table2_csv",
        report_page=True,
    ),
    Output(
        "tables/table2_typology.parquet",
        "Table 2 Typology (typed)",
        "Table 2 as typed Parquet.",
        _T,
        "case_tables",
        "table2_parquet",
        kind="dataset",
    ),
    Output(
        "tables/table3_methods.csv",
        "Table 3 Methods",
        "Table 3 of the thesis: each method of data collection and the cases that used it (from the `methods` sheets).",
        _T,
        "case_tables",
        "table3_csv",
        report_page=True,
    ),
    Output(
        "tables/table3_methods.parquet",
        "Table 3 Methods (typed)",
        "Table 3 as typed Parquet.",
        _T,
        "case_tables",
        "table3_parquet",
        kind="dataset",
    ),
    # Within-case pattern matching: each case on its own (section 3.1).
    Output(
        "cases/{case}/framework.csv",
        "Six-stage summaries",
        "The within-case summaries laid out like the tables of section 3.1: the six stages of Table 4 (context "
        "understood, mechanism planned, outcome expected, outcome realised, mechanism delivered, context "
        "experienced) for every case.",
        "within",
        "case_framework",
        "csv",
    ),
    Output(
        "cases/{case}/framework.md",
        "Six-stage summary page",
        "One case's section 3.1 table as a page.",
        "within",
        "case_framework",
        "markdown",
        kind="page",
    ),
    Output(
        "cases/{case}/metrics.csv",
        "Case metrics",
        "Pattern-matching metrics of every case with the numerator, denominator and item_ids behind each, so that "
        "each figure can be traced to the framework rows that produced it.",
        "within",
        "case_framework",
        "metrics",
    ),
    Output(
        "case_metrics/case_id={case}/part-0.parquet",
        "Case metrics (typed)",
        "Each case's metrics, computed once, as a hive-partitioned Parquet dataset (full precision, item_ids as "
        "lists) that every cross-case step reads.",
        "within",
        "case_framework",
        "metrics_parquet",
        kind="dataset",
    ),
    Output(
        "case_sensitivity/case_id={case}/part-0.parquet",
        "Case sensitivity (typed)",
        "Each case's single changes that change its success class or a proposition's verdict (the rows of "
        "crosscase/sensitivity.csv for that case), computed within the case as a hive-partitioned Parquet dataset.",
        "within",
        "case_framework",
        "sensitivity_parquet",
        kind="dataset",
    ),
    Output(
        "case_robustness/case_id={case}/part-0.parquet",
        "Case robustness (typed)",
        "Each case's robustness rows (those of crosscase/robustness.csv for that case), computed within the case "
        "as a hive-partitioned Parquet dataset.",
        "within",
        "case_framework",
        "robustness_parquet",
        kind="dataset",
    ),
    Output(
        "cases/{case}/cmo.csv",
        "CMO chains",
        "Each case's context-mechanism-outcome chains, built from the `links` of its framework items: per "
        "outcome and change theory behind it, the context factors on the chain (direction, severity, anticipated "
        "or not), the theory's adherence and whether it proved correct, the activities and how fully each was "
        "delivered, the outcome as realised (by group where recorded), the weak links and the item_ids.",
        "within",
        "case_framework",
        "cmo_csv",
    ),
    Output(
        "case_cmo/case_id={case}/part-0.parquet",
        "CMO chains, per case (typed)",
        "Each case's CMO chains (the rows of cases/<case>/cmo.csv, all text) as a hive-partitioned Parquet "
        "dataset, read by crosscase_patterns as one dataset for the CMO configurations.",
        "within",
        "case_framework",
        "cmo_parquet",
        kind="dataset",
    ),
    Output(
        "cases/{case}/cmo.md",
        "CMO chains page",
        "One case's context-mechanism-outcome chains as a page.",
        "within",
        "case_framework",
        "cmo_md",
        kind="page",
    ),
    # Cross-case comparison (section 3.2).
    Output(
        "crosscase/pattern_matching.csv",
        "Pattern matching",
        "Pattern matching across cases: fidelity, theory held, attainment of intermediary and long-term "
        "outcomes, context foresight, success class derived from attainment and the study author's reported "
        "success.",
        "crosscase",
        "crosscase_patterns",
        "pattern_matching",
        report_page=True,
    ),
    Output(
        "crosscase/pattern_matching.parquet",
        "Pattern matching (typed)",
        "The pattern-matching table at full precision, read by the QCA and the figures.",
        "crosscase",
        "crosscase_patterns",
        "pattern_matching_parquet",
        kind="dataset",
    ),
    Output(
        "crosscase/pattern_agreement.md",
        "Agreement with the study author",
        "Success classes derived from the data beside the author's, with Cohen's kappa.",
        "crosscase",
        "crosscase_patterns",
        "agreement",
        kind="page",
    ),
    Output(
        "crosscase/meta_matrix.csv",
        "Meta-matrix",
        "Case-ordered meta-matrix (Miles and Huberman): cases ordered by attainment, the metrics beside the key "
        "unanticipated context factors and undelivered activities.",
        "crosscase",
        "crosscase_patterns",
        "meta_csv",
        report_page=True,
    ),
    Output(
        "crosscase/meta_matrix.md",
        "Meta-matrix page",
        "The meta-matrix as a page.",
        "crosscase",
        "crosscase_patterns",
        "meta_md",
        kind="page",
    ),
    Output(
        "crosscase/categories_by_case.csv",
        "Categories by case",
        "Each framework category with the cases that have at least one item carrying it, and the success classes "
        "of those cases (the basis of the case lists of section 3.2.2).",
        "crosscase",
        "crosscase_patterns",
        "categories",
        report_page=True,
    ),
    Output(
        "crosscase/instigator_by_case.csv",
        "Instigator by case",
        "Who instigated the change in each case (section 3.2.2).",
        "crosscase",
        "crosscase_patterns",
        "instigator",
    ),
    Output(
        "crosscase/problems_by_case.csv",
        "Problems by case",
        "Section 3.2.3's three problems per case: change theory that did not hold, context misread, mechanisms "
        "not kept to, with the item_ids behind each.",
        "crosscase",
        "crosscase_patterns",
        "problems",
        report_page=True,
    ),
    Output(
        "crosscase/proposition.csv",
        "Propositions",
        "Each configured proposition (by default section 4.1's two sentences, and rivals) checked case by case: "
        "the verdict (supports, contradicts, undetermined), each condition's state, the item_ids weighing for "
        "and against it, the decisive item_ids, the reason, and for a contradicting case what would have to "
        "change for it to fit.",
        "crosscase",
        "crosscase_patterns",
        "proposition_csv",
        report_page=True,
    ),
    Output(
        "crosscase/proposition.md",
        "Proposition page",
        "The propositions' verdicts with their reasons as a page.",
        "crosscase",
        "crosscase_patterns",
        "proposition_md",
        kind="page",
    ),
    Output(
        "crosscase/sensitivity.csv",
        "Sensitivity",
        "Every single judgement (an item's observed, anticipated, direction, severity, adherence, proved_correct) "
        "and every threshold move within its documented range that changes a case's success class or a "
        "proposition verdict: case_id, item_id, field, from, to, changes.",
        "crosscase",
        "crosscase_patterns",
        "sensitivity_csv",
        report_page=True,
    ),
    Output(
        "crosscase/robustness.csv",
        "Robustness",
        "Per case and target (success class, each proposition): the baseline, how many single changes were tried "
        "and how many change it, and which.",
        "crosscase",
        "crosscase_patterns",
        "robustness_csv",
    ),
    Output(
        "crosscase/sensitivity.md",
        "Sensitivity page",
        "The robustness of each case's success class and verdicts, beside what the agreement with the author is.",
        "crosscase",
        "crosscase_patterns",
        "sensitivity_md",
        kind="page",
    ),
    Output(
        "crosscase/case_lists.csv",
        "Case lists",
        "Every case list of section 3.2.2 (and those of lines 368, 396 and 398) produced from the data: the "
        "query, the cases it finds and the item_ids behind them.",
        "crosscase",
        "crosscase_patterns",
        "case_lists",
    ),
    Output(
        "crosscase/cmo_configurations.csv",
        "CMO configurations",
        "Which mechanism -> outcome configurations (category pairs on the cases' CMO chains) recur in the more "
        "and the less successful cases, where the outcome was realised and where not, the barriers on those "
        "chains and the chain ids (case:chain_id). Chains are built within each case; a case counts once.",
        "crosscase",
        "crosscase_patterns",
        "cmo_configurations",
        report_page=True,
    ),
    # Typology analysis (the sampling frame of Table 2).
    Output(
        "crosscase/typology_counts.csv",
        "Typology counts",
        "Typology analysis: how many cases have each attribute, by dimension, and the cells of the sampling frame "
        "no case covers.",
        "typology",
        "typology_analysis",
        "counts",
    ),
    Output(
        "crosscase/typology_uncovered.csv",
        "Typology uncovered",
        "Cells of the sampling frame (pairs of attributes of two dimensions) that no included case covers.",
        "typology",
        "typology_analysis",
        "uncovered",
    ),
    Output(
        "crosscase/typology_jaccard.csv",
        "Typology Jaccard",
        "Pairwise Jaccard similarity of the cases' typology attributes.",
        "typology",
        "typology_analysis",
        "jaccard",
    ),
    Output(
        "crosscase/typology_clusters.csv",
        "Typology clusters",
        "Average-linkage hierarchical clustering of the cases on their typology (scipy), in leaf order. Exploratory.",
        "typology",
        "typology_analysis",
        "clusters",
    ),
    Output(
        "crosscase/typology_fisher.csv",
        "Typology Fisher",
        "Each typology attribute cross-tabulated against success class, with Fisher's exact test. Exploratory: "
        "with few cases the p-values are exact small-sample values, not evidence of an effect.",
        "typology",
        "typology_analysis",
        "fisher",
        report_page=True,
    ),
    Output(
        "crosscase/typology_analysis.md",
        "Typology analysis page",
        "The typology analysis as a page.",
        "typology",
        "typology_analysis",
        "markdown",
        kind="page",
    ),
    # Survey, interview-coded and secondary data: within each case, then side by side.
    Output(
        "crosscase/themes_by_case.csv",
        "Themes by case",
        "Framework matrix of interview and focus-group codes by case: counts of segments, sources and "
        "participants, with the segment_ids behind each cell. Each case is analysed on its own; nothing is "
        "pooled.",
        "evidence",
        "crosscase_evidence",
        "themes",
        report_page=True,
    ),
    # Framework matrices (crosscase.compare.matrices, docs/displays.md): wide for reading, long for machines.
    Output(
        "crosscase/framework_matrix_themes.csv",
        "Framework matrix, themes",
        "Framework matrix (as NVivo's framework matrix or MAXQDA's summary grid): one row per case, one column "
        "per theme (code). Each cell: the number of coded segments, the researcher's summary of the theme in "
        "that case ('[summary not written]' where the codebook has none; never generated) and up to N verbatim "
        "quotes with their segment ids (framework_matrix.quotes_per_cell).",
        "evidence",
        "framework_matrices",
        "themes_wide",
        report_page=True,
    ),
    Output(
        "crosscase/framework_matrix_stages.csv",
        "Framework matrix, stages",
        "Framework matrix of the six stages (section 3.1): one row per case; each cell the number of framework "
        "items behind the stage, the case's own summary of it (the summary sheet of case.xlsx) and up to N "
        "quotes coded with the items' categories or cited codes, with their segment ids.",
        "evidence",
        "framework_matrices",
        "stages_wide",
        report_page=True,
    ),
    Output(
        "crosscase/framework_matrix_themes_long.csv",
        "Framework matrix, themes (long)",
        "The case x theme framework matrix, one row per case and theme, with every segment id behind each count.",
        "evidence",
        "framework_matrices",
        "themes_long",
    ),
    Output(
        "crosscase/framework_matrix_stages_long.csv",
        "Framework matrix, stages (long)",
        "The case x stage framework matrix, one row per case and stage, with the item ids and codes behind each cell.",
        "evidence",
        "framework_matrices",
        "stages_long",
    ),
    # Inter-coder and inter-rater agreement (crosscase.within.agreement).
    Output(
        "crosscase/coding_agreement_by_case.csv",
        "Inter-coder agreement",
        "Inter-coder agreement within each case whose sources two or more people coded: per code and pooled "
        "over all codes, percent agreement, Cohen's kappa (two coders) and Krippendorff's alpha (nominal). The "
        "unit is a passage of a source (the same text, or overlapping REFI-QDA spans); see docs/displays.md.",
        "evidence",
        "crosscase_evidence",
        "coding_agreement",
        report_page=True,
    ),
    Output(
        "crosscase/rating_agreement_by_case.csv",
        "Inter-rater agreement, framework",
        "Agreement of two or more raters on each case's framework judgements (case.xlsx and ratings.xlsx): "
        "anticipated (nominal) and observed (ordinal none < partial < full), with percent agreement, Cohen's "
        "kappa (observed: linearly weighted) and Krippendorff's alpha.",
        "evidence",
        "crosscase_evidence",
        "rating_agreement",
        report_page=True,
    ),
    Output(
        "crosscase/survey_by_case.csv",
        "Survey by case",
        "Survey results case by case (never pooled across cases): n, means before and after, pairs, the Wilcoxon "
        "or Mann-Whitney statistic, p-value and effect size r.",
        "evidence",
        "crosscase_evidence",
        "survey",
        report_page=True,
    ),
    Output(
        "crosscase/indicators_by_case.csv",
        "Indicators by case",
        "Secondary and monitoring indicators case by case: latest value against target, direction-aware "
        "attainment and change across periods.",
        "evidence",
        "crosscase_evidence",
        "indicators",
        report_page=True,
    ),
    Output(
        "cases/{case}/joint_display.csv",
        "Joint displays",
        "Mixed-methods joint display of every case: each framework item beside the survey items, codes and "
        "indicators its evidence cites, and whether each citation resolves.",
        "evidence",
        "case_evidence",
        "joint_display",
    ),
    Output(
        "cases/{case}/survey_items.csv",
        "Survey items, per case",
        "Within-case survey summary per item: n, mean, median, SD and the distribution of answers.",
        "evidence",
        "case_evidence",
        "survey_items",
    ),
    Output(
        "cases/{case}/survey_constructs.csv",
        "Survey constructs, per case",
        "Within-case survey summary per construct (reverse-scored items reversed).",
        "evidence",
        "case_evidence",
        "survey_constructs",
    ),
    Output(
        "cases/{case}/survey_tests.csv",
        "Survey tests, per case",
        "Within-case tests between waves: paired Wilcoxon signed-rank (matched respondents) or Mann-Whitney U, "
        "with effect size r.",
        "evidence",
        "case_evidence",
        "survey_tests",
    ),
    Output(
        "case_survey_tests/case_id={case}/part-0.parquet",
        "Survey tests, per case (typed)",
        "Each case's survey tests (the rows of cases/<case>/survey_tests.csv) as a hive-partitioned Parquet "
        "dataset, read by crosscase_evidence as one dataset for Survey by case.",
        "evidence",
        "case_evidence",
        "survey_tests_parquet",
        kind="dataset",
    ),
    Output(
        "case_indicators/case_id={case}/part-0.parquet",
        "Indicator summary, per case (typed)",
        "Each case's indicator summary (the rows of cases/<case>/indicators.csv) as a hive-partitioned Parquet "
        "dataset, read by crosscase_evidence as one dataset for Indicators by case.",
        "evidence",
        "case_evidence",
        "indicators_parquet",
        kind="dataset",
    ),
    Output(
        "cases/{case}/themes.csv",
        "Themes, per case",
        "Focus-group theme validation within each case (after Morgan 1997): how many groups and individuals "
        "mentioned each theme and with what emphasis, ranked.",
        "evidence",
        "case_evidence",
        "themes",
    ),
    Output(
        "cases/{case}/themes_by_question.csv",
        "Themes by question, per case",
        "Focus-group themes within each question (prompt) of a case: groups, individuals and emphasis per "
        "theme, the strict rank and Morgan's combined validation score.",
        "evidence",
        "case_evidence",
        "themes_by_question",
    ),
    Output(
        "cases/{case}/themes_by_cycle.csv",
        "Themes by cycle, per case",
        "Themes within each action-research cycle of a case: the same counts, ranks and combined validation score.",
        "evidence",
        "case_evidence",
        "themes_by_cycle",
    ),
    Output(
        "cases/{case}/coding_agreement.csv",
        "Inter-coder agreement, per case",
        "Within-case inter-coder agreement per code and pooled (see Inter-coder agreement).",
        "evidence",
        "case_evidence",
        "coding_agreement",
    ),
    Output(
        "cases/{case}/rating_agreement.csv",
        "Inter-rater agreement, per case",
        "Within-case agreement of the raters of the framework judgements (see Inter-rater agreement, framework).",
        "evidence",
        "case_evidence",
        "rating_agreement",
    ),
    Output(
        "cases/{case}/project.qdpx",
        "REFI-QDA project, per case",
        "Each case's codebook, sources, segments and codings as a REFI-QDA project (.qdpx) for NVivo, ATLAS.ti, "
        "MAXQDA or QualCoder (crosscase.ingest.refiqda_export); it imports back unchanged.",
        "evidence",
        "case_evidence",
        "qdpx",
        kind="export",
    ),
    Output(
        "synthesis.qdpx",
        "REFI-QDA project of the synthesis",
        "Every compared case's coded data in one REFI-QDA project: each case a REFI-QDA case (its sources "
        "classified to it), the codes shared by name across cases as the theme tables compare them, each case's "
        "code summaries as notes (crosscase.ingest.refiqda_export); it imports back with every segment.",
        "evidence",
        "synthesis_qdpx",
        "qdpx",
        kind="export",
    ),
    Output(
        "cases/{case}/codes_by_role.csv",
        "Codes by role, per case",
        "Within-case counts of each code by participant role.",
        "evidence",
        "case_evidence",
        "codes_by_role",
    ),
    Output(
        "cases/{case}/code_cooccurrence.csv",
        "Code co-occurrence, per case",
        "Within-case co-occurrence of codes in the same source.",
        "evidence",
        "case_evidence",
        "code_cooccurrence",
    ),
    Output(
        "cases/{case}/indicators.csv",
        "Indicators, per case",
        "Within-case secondary indicators: latest value against target and change across periods.",
        "evidence",
        "case_evidence",
        "indicators",
    ),
    # Configurational comparison (QCA), one set of files per configured analysis.
    Output(
        "crosscase/qca/{analysis}.json",
        "QCA",
        "Qualitative Comparative Analysis: truth table, solutions, parameters of fit, necessity and theory evaluation.",
        "qca",
        "qca_analysis",
        "json",
        kind="result",
        report_page=True,
    ),
    Output(
        "crosscase/qca/{analysis}.csv",
        "QCA data",
        "The calibrated data table of the QCA analysis: each case's membership in the outcome and the conditions.",
        "qca",
        "qca_analysis",
        "csv",
    ),
    Output(
        "crosscase/qca/{analysis}.parquet",
        "QCA data (typed)",
        "The calibrated memberships at full precision, read by the QCA figure.",
        "qca",
        "qca_analysis",
        "parquet",
        kind="dataset",
    ),
    Output(
        "crosscase/qca/{analysis}.md",
        "QCA page",
        "The QCA analysis as a page.",
        "qca",
        "qca_analysis",
        "md",
        kind="page",
    ),
    Output(
        "crosscase/qca/{analysis}_robustness.csv",
        "QCA robustness",
        "Robustness of the QCA solution to the inclusion cut, n.cut and calibration anchors (Oana & Schneider "
        "2021): per case, the initial solution, the robust core and how often the case is covered.",
        "qca",
        "qca_analysis",
        "robustness",
    ),
    # Outputs people read.
    Output(
        "provenance.json",
        "Provenance",
        "Checksums of every input, the configuration and the software.",
        "synthesis",
        "synthesis_provenance",
        "provenance",
        kind="record",
    ),
    Output(
        "synthesis.xlsx",
        "Synthesis workbook",
        "Every table on its own sheet after a README sheet.",
        "synthesis",
        "synthesis_workbook",
        "workbook",
        kind="workbook",
    ),
    Output(
        "synthesis.md",
        "Synthesis (Markdown)",
        "Every table of the workbook as Markdown.",
        "synthesis",
        "synthesis_markdown",
        "markdown",
        kind="page",
    ),
    Output(
        "report/provenance.html",
        "Provenance page",
        "The provenance record as a report page.",
        "synthesis",
        "synthesis_provenance_page",
        "page",
        kind="page",
    ),
    Output(
        "report/cases/{case}_framework.html",
        "Case page",
        "One case's six-stage summary and metrics as a report page.",
        "synthesis",
        "report_case_pages",
        "page",
        kind="page",
    ),
    Output(
        "figures/typology_heatmap.png",
        "Typology heatmap",
        "Cases by typology attribute, clustered.",
        "figures",
        "figure_typology_heatmap",
        "png",
        kind="figure",
    ),
    Output(
        "figures/pattern_matching.png",
        "Pattern matching",
        "Each case's metrics, ordered as the meta-matrix.",
        "figures",
        "figure_pattern_matching",
        "png",
        kind="figure",
    ),
    Output(
        "figures/theme_heatmap.png",
        "Theme heatmap",
        "Codes by case, segments per cell.",
        "figures",
        "figure_theme_heatmap",
        "png",
        kind="figure",
    ),
    Output(
        "figures/qca_{analysis}.png",
        "QCA solution",
        "Each case's membership in the solution against the outcome.",
        "figures",
        "figure_qca_solution",
        "png",
        kind="figure",
    ),
)

_extra: list[Output] = []


def register(output: Output) -> None:
    """Add an output declared outside this module (a stage of one's own)."""
    if any(o.path == output.path for o in all_outputs()):
        raise ValueError(f"output {output.path} is declared twice")
    _extra.append(output)


def all_outputs() -> tuple[Output, ...]:
    return (*OUTPUTS, *_extra)


def _check_unique() -> None:
    seen: dict[str, Output] = {}
    rule_keys: set[tuple[str, str]] = set()
    for output in OUTPUTS:
        if output.path in seen:
            raise ValueError(f"output {output.path} is declared twice")
        seen[output.path] = output
        if (output.rule, output.key) in rule_keys:
            raise ValueError(f"rule {output.rule} names output {output.key} twice")
        rule_keys.add((output.rule, output.key))


_check_unique()


# ---------------------------------------------------------------------------
# What the workflow asks of the registry.


def outputs_of(rule: str) -> tuple[Output, ...]:
    found = tuple(o for o in all_outputs() if o.rule == rule)
    if not found:
        raise KeyError(f"no output of rule {rule!r} in the registry")
    return found


def rule_outputs(rule: str) -> dict[str, str]:
    """The `output:` of a rule: output name -> path pattern under results/."""
    return {o.key: o.results_path for o in outputs_of(rule)}


def path_of(rule: str, key: str) -> str:
    return rule_outputs(rule)[key]


def targets(case_ids, analyses=(), stages=STAGES) -> list[str]:
    """Every file the workflow builds for these cases and QCA analyses (the
    report's table pages included with the synthesis stage)."""
    files = [path for o in all_outputs() if o.stage in stages for path in o.expand(case_ids, analyses)]
    if "synthesis" in stages:
        files += report_page_files(case_ids, analyses)
    return files


def case_targets(case_ids) -> list[str]:
    """Only the per-case files of these cases: what a case analysed on its own
    (include = within in cases.tsv) gets, with no cross-case output."""
    return [path for o in all_outputs() if o.scope == "case" for path in o.expand(case_ids)]


def synthesis_sources(case_ids, analyses=()) -> list[str]:
    """The files the workbook and Markdown are made of (tables and QCA results), in order."""
    return [path for o in all_outputs() if o.kind in ("table", "result") for path in o.expand(case_ids, analyses)]


def describe(path: str) -> tuple[int, Output] | None:
    """The rank (synthesis order) and declaration of the output `path` is a file of."""
    for rank, output in enumerate(all_outputs()):
        if output.matches(path):
            return rank, output
    return None


def report_pages(case_ids, analyses=()) -> dict[str, str]:
    """Report page name -> the file it shows, for the outputs with a page of their own."""
    pages: dict[str, str] = {}
    for output in all_outputs():
        if not output.report_page:
            continue
        for path in output.expand(case_ids, analyses):
            stem = PurePosixPath(path).stem
            pages[f"qca_{stem}" if output.scope == "analysis" else stem] = path
    return pages


REPORT_PAGE = f"{RESULTS}/report/tables/{{page}}.html"


def report_page_labels(path: str) -> dict[str, str]:
    """How the HTML report lists the page of table `path`: its number in the
    synthesis order (the thesis's), its title and the first sentence of its
    description. Braces are doubled: Snakemake formats label text."""
    rank, output = describe(path)
    title = output.title if output.scope != "analysis" else f"{output.title} {PurePosixPath(path).stem}"
    first = output.description.split(". ")[0].rstrip(".") + "."
    labels = {"No.": f"{rank + 1:02d}", "Table": title, "What it shows": first}
    return {key: value.replace("{", "{{").replace("}", "}}") for key, value in labels.items()}


def report_page_files(case_ids, analyses=()) -> list[str]:
    return [REPORT_PAGE.format(page=name) for name in report_pages(case_ids, analyses)]


def figures(analyses=()) -> list[str]:
    return [path for o in all_outputs() if o.kind == "figure" for path in o.expand((), analyses)]
