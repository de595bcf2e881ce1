"""Parquet in and out: atomic per-case writes, whole-table dataset reads.

Cross-case steps read each normalised table once, as one pyarrow dataset over
all case partitions, then order rows by the case order of config/cases.tsv."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from crosscase.common.files import atomic_write
from crosscase.common.safe_text import csv_frame
from crosscase.ingest.contract import SCHEMAS

PARTITIONING = ds.partitioning(pa.schema([("case_id", pa.string())]), flavor="hive")


def arrow_table(frame: pd.DataFrame, schema: pa.Schema | None = None) -> pa.Table:
    """The Arrow table a Parquet file is written from (no pandas metadata)."""
    return pa.Table.from_pandas(frame, schema=schema, preserve_index=False).replace_schema_metadata(None)


def write_arrow(table: pa.Table, path: str | Path) -> None:
    # Fixed writer options and no pandas metadata keep the bytes reproducible.
    atomic_write(path, lambda tmp: pq.write_table(table, tmp, compression="zstd"))


def write_parquet(frame: pd.DataFrame, path: str | Path, schema: pa.Schema | None = None) -> None:
    write_arrow(arrow_table(frame, schema), path)


def write_case_table(name: str, frame: pd.DataFrame, path: str | Path) -> None:
    write_parquet(frame, path, schema=SCHEMAS[name])


def normalised_path(root: str | Path, table: str, case_id: str) -> Path:
    return Path(root) / table / f"case_id={case_id}" / "part-0.parquet"


def read_table(source, table: str, case_order: list[str] | None = None) -> pd.DataFrame:
    """One normalised table across cases (case_id first), in case order.

    `source` is either the normalised root folder or, better in a rule, the
    list of the table's per-case Parquet files (the rule's declared inputs), so
    that cases left out of cases.tsv are never read."""
    if isinstance(source, (str, Path)):
        directory = Path(source) / table
        source = sorted(directory.glob("case_id=*/part-0.parquet")) if directory.exists() else []
    return read_dataset(source, SCHEMAS[table], case_order)


def read_dataset(files, schema: pa.Schema, case_order: list[str] | None = None) -> pd.DataFrame:
    """A hive-partitioned per-case dataset (``.../case_id=<id>/part-0.parquet``)
    read once as one table, case_id first, rows in case order."""
    schema = schema.insert(0, pa.field("case_id", pa.string()))
    files = [str(f) for f in files]
    if not files:
        return schema.empty_table().to_pandas()
    base = str(Path(files[0]).parents[1])
    dataset = ds.dataset(files, format="parquet", partitioning=PARTITIONING, partition_base_dir=base, schema=schema)
    frame = dataset.to_table().to_pandas()
    if case_order is not None:
        frame = frame[frame["case_id"].isin(case_order)]
        rank = {case: i for i, case in enumerate(case_order)}
        # stable sort keeps each case's rows in workbook order
        frame = frame.iloc[frame["case_id"].map(rank).argsort(kind="stable")]
    return frame.reset_index(drop=True)


def write_csv(frame: pd.DataFrame, path: str | Path, **options) -> None:
    """UTF-8 CSV with fixed line endings, written atomically; text cells that a
    spreadsheet would read as a formula are neutralised (crosscase.common.safe_text)."""
    safe = csv_frame(frame)
    atomic_write(path, lambda tmp: safe.to_csv(tmp, index=False, lineterminator="\n", encoding="utf-8", **options))


def write_output(value, path: str | Path) -> None:
    """Write one stage result to its declared output, by the file's suffix: a
    DataFrame as CSV or Parquet, an Arrow table as Parquet, text as UTF-8,
    bytes as they are."""
    from crosscase.common.files import write_bytes, write_text

    suffix = Path(path).suffix.lower()
    if isinstance(value, pa.Table):
        write_arrow(value, path)
    elif isinstance(value, pd.DataFrame):
        if suffix == ".parquet":
            write_parquet(value, path)
        elif suffix == ".csv":
            write_csv(value, path)
        else:
            raise TypeError(f"{path}: a table can be written as .csv or .parquet, not {suffix}")
    elif isinstance(value, str):
        write_text(path, value)
    elif isinstance(value, bytes):
        write_bytes(path, value)
    else:
        raise TypeError(f"{path}: cannot write a {type(value).__name__}")
