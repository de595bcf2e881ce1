# Tables 1-3 of the thesis, one row (or mark) per included case.


rule case_tables:
    input:
        case_info=normalised_all("case_info"),
        typology=normalised_all("typology"),
        methods=normalised_all("methods"),
        vocabulary=config["vocabulary"],
    output:
        **registry.rule_outputs("case_tables"),
    log:
        "results/logs/case_tables.log",
    conda:
        "../../environment.yml"
    params:
        compute="crosscase.compare.tables:stage",
        case_order=CASE_IDS,
    script:
        "../scripts/stage.py"
