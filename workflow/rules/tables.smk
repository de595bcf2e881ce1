# Tables 1-3 of the thesis, one row (or mark) per included case.

TABLE_NAMES = ["table1_case_overview", "table2_typology", "table3_methods"]
TABLE_OUTPUTS = [f"results/tables/{name}.{ext}" for name in TABLE_NAMES for ext in ("csv", "parquet")]


rule case_tables:
    input:
        case_info=normalised_all("case_info"),
        typology=normalised_all("typology"),
        methods=normalised_all("methods"),
        vocabulary=config["vocabulary"],
    output:
        table1_csv="results/tables/table1_case_overview.csv",
        table1_parquet="results/tables/table1_case_overview.parquet",
        table2_csv="results/tables/table2_typology.csv",
        table2_parquet="results/tables/table2_typology.parquet",
        table3_csv="results/tables/table3_methods.csv",
        table3_parquet="results/tables/table3_methods.parquet",
    params:
        case_order=CASE_IDS,
    conda:
        "../../environment.yml"
    log:
        "results/logs/case_tables.log",
    script:
        "../scripts/case_tables.py"
