"""Facts as Parquet beside every generation's DuckDB file: same rows, same order, declared types, readable
by DuckDB without the app; rewritten by an incremental build."""

from __future__ import annotations

import shutil

import duckdb

from index.build import build_index, current_generation
from index.parquet import PARQUET_TABLES, parquet_path
from index.store import FACTS_DB, SCHEMA


def _rows(sql: str) -> list[tuple]:
    con = duckdb.connect()
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_every_table_as_parquet_with_declared_types(seed_index):
    gen = current_generation(seed_index.index)
    db = duckdb.connect(str(gen / FACTS_DB), read_only=True)
    try:
        for table in PARQUET_TABLES:
            path = parquet_path(gen, table)
            assert path.is_file(), f"{path} missing"
            types = _rows(f"describe select * from read_parquet('{path}')")
            assert [(name, ty) for name, ty, *_ in types] == SCHEMA[table], table
            # the same rows in the same order as the facts database
            assert _rows(f"select * from read_parquet('{path}')") == db.execute(f"select * from {table}").fetchall()
    finally:
        db.close()
    assert _rows(f"select count(*) from read_parquet('{parquet_path(gen, 'reports')}')") == [(5,)]


def test_example_query_of_the_readme(seed_index):
    gen = current_generation(seed_index.index)
    df = duckdb.sql(f"select agency, year, value from '{gen / 'facts.parquet'}' where key = 'penalty.decisions' "
                    "order by value desc").df()
    assert list(df["value"]) == [313, 135, 12, 10]  # the four seeds that report penalty decisions (gold)
    assert df["agency"][0] == "伊川县城市管理局"


def test_incremental_build_rewrites_the_parquet(tmp_path, seed_index):
    built = seed_index.copy(tmp_path)
    gone = sorted(built.corpus.glob("*.*"))[0]
    gone.unlink()
    build_index(built.corpus, built.index)
    gen = current_generation(built.index)
    docs = _rows(f"select doc from read_parquet('{parquet_path(gen, 'reports')}')")
    assert len(docs) == 4 and (gone.stem,) not in docs and gone.name not in {d for (d,) in docs}
    assert _rows(f"select count(*) from read_parquet('{parquet_path(gen, 'facts')}') "
                 f"where doc = '{gone.stem}' or doc = '{gone.name}'") == [(0,)]
