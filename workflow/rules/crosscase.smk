# Cross-case comparison (section 3.2): metrics are computed within each case
# first, then set side by side. Each rule reads every normalised table it needs
# once, as one dataset over the included cases, in cases.tsv order.

CROSSCASE = "results/crosscase"
PATTERN_FILES = {
    "pattern_matching": "pattern_matching.csv",
    "agreement": "pattern_agreement.md",
    "meta_csv": "meta_matrix.csv",
    "meta_md": "meta_matrix.md",
    "categories": "categories_by_case.csv",
    "instigator": "instigator_by_case.csv",
    "problems": "problems_by_case.csv",
    "proposition_csv": "proposition.csv",
    "proposition_md": "proposition.md",
}
TYPOLOGY_FILES = {
    "counts": "typology_counts.csv",
    "uncovered": "typology_uncovered.csv",
    "jaccard": "typology_jaccard.csv",
    "clusters": "typology_clusters.csv",
    "fisher": "typology_fisher.csv",
    "markdown": "typology_analysis.md",
}
CROSSCASE_OUTPUTS = [f"{CROSSCASE}/{name}" for name in [*PATTERN_FILES.values(), *TYPOLOGY_FILES.values()]]
# Thresholds of the section 4.1 proposition; defaults in crosscase.compare.patterns
# (see config/pattern_matching_defaults.yaml) when config.yaml has none.
PROPOSITION = config.get("proposition", {})


rule crosscase_patterns:
    input:
        framework=normalised_all("framework"),
        case_info=normalised_all("case_info"),
        vocabulary=config["vocabulary"],
    output:
        **{key: f"{CROSSCASE}/{name}" for key, name in PATTERN_FILES.items()},
    params:
        case_order=CASE_IDS,
        weights=config["observed_weights"],
        success_rule=config["success_class"],
        proposition=PROPOSITION,
    conda:
        "../../environment.yml"
    log:
        "results/logs/crosscase/patterns.log",
    script:
        "../scripts/crosscase_patterns.py"


rule typology_analysis:
    input:
        typology=normalised_all("typology"),
        framework=normalised_all("framework"),
        case_info=normalised_all("case_info"),
        vocabulary=config["vocabulary"],
    output:
        **{key: f"{CROSSCASE}/{name}" for key, name in TYPOLOGY_FILES.items()},
    params:
        case_order=CASE_IDS,
        weights=config["observed_weights"],
        success_rule=config["success_class"],
    conda:
        "../../environment.yml"
    log:
        "results/logs/crosscase/typology_analysis.log",
    script:
        "../scripts/typology_analysis.py"
