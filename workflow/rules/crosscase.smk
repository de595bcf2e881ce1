# Cross-case comparison (section 3.2): metrics are computed within each case
# first, then set side by side. Each rule reads every normalised table it needs
# once, as one dataset over the included cases, in cases.tsv order.


rule crosscase_patterns:
    input:
        framework=normalised_all("framework"),
        case_info=normalised_all("case_info"),
        metrics=case_dataset(registry.path_of("case_framework", "metrics_parquet")),
        sensitivity=case_dataset(registry.path_of("case_framework", "sensitivity_parquet")),
        robustness=case_dataset(registry.path_of("case_framework", "robustness_parquet")),
        cmo=case_dataset(registry.path_of("case_framework", "cmo_parquet")),
        vocabulary=config["vocabulary"],
    output:
        **registry.rule_outputs("crosscase_patterns"),
    log:
        "results/logs/crosscase/patterns.log",
    conda:
        "../../environment.yml"
    params:
        case_order=CASE_IDS,
        success_rule=config["success_class"],
        propositions=PROPOSITIONS,
    script:
        "../scripts/crosscase_patterns.py"


rule typology_analysis:
    input:
        typology=normalised_all("typology"),
        pattern_matching=registry.path_of("crosscase_patterns", "pattern_matching_parquet"),
        vocabulary=config["vocabulary"],
    output:
        **registry.rule_outputs("typology_analysis"),
    log:
        "results/logs/crosscase/typology_analysis.log",
    conda:
        "../../environment.yml"
    params:
        case_order=CASE_IDS,
    script:
        "../scripts/typology_analysis.py"
