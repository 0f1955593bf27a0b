"""The facts as Parquet files beside each generation's DuckDB file, so that the corpus can be taken into
DuckDB, pandas, Spark or a spreadsheet without the app:

    INDEX/gen-000007/reports.parquet  facts.parquet  findings.parquet  passages.parquet

An index that grew in place (index/grow.py) has the same four files in each segment folder
(gen-000009/seg-000008/, …) and `tombstones.parquet`: (dir, doc) of the reports whose rows in the files of
that folder (the generation's own for the base) are replaced or deleted; and `cross_year_replaced.parquet`:
(dir, doc) of the cross-year findings in a folder that a later segment holds anew (a segment holds the
cross-year findings of the agencies it changed). In an index grown before that file, each segment holds the
whole set: take the newest part's. README.md shows the query.

Column names and types are those of index.store.SCHEMA (the facts database's own), cast explicitly, so
a file's schema never depends on the data in it (an all-NULL column is still VARCHAR, not INT32)."""

from __future__ import annotations

from pathlib import Path

from index.store import SCHEMA

PARQUET_TABLES = ("reports", "facts", "findings", "passages")  # `lines` is the source text: not exported
ROW_GROUP_ROWS = 122_880  # DuckDB's default; readers skip row groups by their min/max (key, doc, year)


def parquet_path(generation: Path, table: str) -> Path:
    return generation / f"{table}.parquet"


def write_parquet(con, generation: Path) -> dict[str, Path]:
    """Copy each exported table of the open facts database `con` to GENERATION/<table>.parquet (zstd), in
    the table's own row order. Written to a temp name and renamed: a killed build leaves no half file."""
    out = {}
    for table in PARQUET_TABLES:
        cols = ", ".join(f'cast("{c}" as {ty}) as "{c}"' for c, ty in SCHEMA[table])
        path = parquet_path(generation, table)
        tmp = path.with_name(f".{path.name}.tmp")
        con.execute(f"copy (select {cols} from {table}) to '{_sql_str(str(tmp))}' "
                    f"(format parquet, compression zstd, row_group_size {ROW_GROUP_ROWS})")
        tmp.replace(path)
        out[table] = path
    return out


def write_tombstones(con, generation: Path, dead: list[tuple[str, str]]) -> Path:
    """GENERATION/tombstones.parquet: (dir, doc) of every tombstoned report."""
    return _write_dir_docs(con, generation / "tombstones.parquet", dead)


def write_cross_year_replaced(con, generation: Path, rows: list[tuple[str, str]]) -> Path:
    """GENERATION/cross_year_replaced.parquet: (dir, doc) of the cross-year findings of `doc` in folder `dir`
    that a later segment replaced."""
    return _write_dir_docs(con, generation / "cross_year_replaced.parquet", rows)


def _write_dir_docs(con, path: Path, rows: list[tuple[str, str]]) -> Path:
    """A (dir, doc) list as Parquet, replaced atomically: the file a new generation links from the previous
    one must not be written in place."""
    tmp = path.with_name(f".{path.name}.tmp")
    con.execute(f"copy (select unnest(?::VARCHAR[]) as dir, unnest(?::VARCHAR[]) as doc) to '{_sql_str(str(tmp))}' "
                "(format parquet)", [[d for d, _ in rows], [doc for _, doc in rows]])
    tmp.replace(path)
    return path


def _sql_str(s: str) -> str:
    return s.replace("'", "''")
