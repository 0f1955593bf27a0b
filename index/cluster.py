"""The build's per-file work as a Ray Data job, for corpora one machine cannot read in reasonable time:

    plan (driver) → read + extract + passages + keyword tokens (tasks) → embed (actor pool, optional)
                  → Parquet shards (one row per file, declared schema) → the build's own generation writer

Each worker runs the single-process build's own per-file function (`index.build._file_work`), so a file
gives the same rows either way; the shards are then read back in corpus order, one shard at a time, and
handed to the same code that writes a generation (FactsWriter, keyword index,
dense index, manifest, atomic switch). The result is the single-process build's, fact for fact.

Ray is imported here only, and this module only with `qa build --ray`. On a cluster, every node needs the
project installed (`pip install .[cluster]`) and the corpus and index folders at the same path (a shared
filesystem): workers read the files and the extraction cache, and write the shards, there."""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pyarrow  # noqa: F401 - with ray below: a missing [cluster] extra fails on import, before any work
import ray  # noqa: F401

from index.store import SCHEMA

SHARDS = "shards"  # inside the build's temporary generation folder; removed once the generation is written
TASKS_PER_CPU = 4  # extraction tasks per CPU of the cluster at least: the last tasks finish close together
MAX_BATCH = 64  # files per extraction task at most: each task is one Parquet shard and a few ms of scheduling
EXTRACT_MEMORY = 400 * 2**20  # bytes an extraction task may use (a large HTML report with its DOM)
EMBED_FILES = 16  # files per batch on an embedding actor (some 40 passages each)
LAST_RUN: dict[str, float] = {}  # seconds of the last Ray job in this process (bench/bench_cluster.py reads it)


def shard_schema():
    """One row per file: its plan number, the outcome, and its rows of every facts table as a struct of
    column lists, typed as the facts database's columns (index.store.SCHEMA)."""
    import pyarrow as pa

    types = {"VARCHAR": pa.string(), "BIGINT": pa.int64(), "DOUBLE": pa.float64(), "VARCHAR[]": pa.list_(pa.string())}
    tables = [pa.field(t, pa.struct([pa.field(c, pa.list_(types[ty])) for c, ty in cols])) for t, cols in SCHEMA.items()]
    return pa.schema([pa.field("job", pa.int64(), nullable=False), pa.field("error", pa.string()),
                      pa.field("disk_full", pa.string()),  # the worker could not write the cache: the build stops
                      pa.field("fresh", pa.bool_()), pa.field("entry", pa.string()),  # FileEntry as JSON
                      pa.field("tokens", pa.list_(pa.string())),
                      pa.field("embedded", pa.int64()), pa.field("embed_s", pa.float64()),  # by the actor pool
                      *tables])


def _extract_batch(batch) -> object:
    """Ray task: the single-process build's per-file work for each planned file of the batch."""
    import pyarrow as pa

    from index.build import _file_work

    rows = []
    for item in batch.to_pylist():
        fix = tuple(json.loads(item["fix"])) if item["fix"] else None
        # embedding is the actor pool's (embed=None): a task would load the model for every few files
        done = _file_work((Path(item["path"]), item["rel"], Path(item["cache"]), item["key"], fix, None))
        rows.append({"job": item["job"], "error": done.error, "disk_full": done.disk_full, "fresh": done.fresh,
                     "entry": done.entry.model_dump_json() if done.entry else None, "tokens": done.tokens,
                     "embedded": 0, "embed_s": 0.0, **(done.rows or {t: None for t in SCHEMA})})
    return pa.Table.from_pylist(rows, schema=shard_schema())


class _Embed:
    """Ray actor: loads the embedding model once and embeds each file's passages into the vector cache,
    through the single-process build's own per-file function (index.embedding.embed_file), so that the
    build finds them there as it finds a worker's."""

    def __init__(self, job):
        self.job = job  # index.embedding.EmbedJob

    def __call__(self, table):
        import time

        import pyarrow as pa

        from index.embedding import embed_file

        counts, secs = [], []
        for entry, passages in zip(table.column("entry").to_pylist(), table.column("passages").to_pylist()):
            t = time.perf_counter()
            n = embed_file(self.job, json.loads(entry)["key"], passages["text"]) if entry and passages else 0
            counts.append(n)
            secs.append(time.perf_counter() - t)
        table = table.set_column(table.schema.get_field_index("embedded"), "embedded", pa.array(counts, pa.int64()))
        return table.set_column(table.schema.get_field_index("embed_s"), "embed_s", pa.array(secs, pa.float64()))


class RayJobs:
    """The build's jobs (index.build: path, rel, cache, key, correction, EmbedJob or None) done by a Ray
    Data job, then yielded in job order as the build's _FileWork, without their rows: `stage` puts those
    into the facts writer straight from the shards."""

    def __init__(self, jobs: list, address: str | None, work: Path):
        self.shards = work / SHARDS
        self._glob = f"{_sql_str(str(self.shards))}/*.parquet"
        self._con = None
        self._it: Iterator = iter(())
        self._read_jobs: list[int] = []  # jobs whose file was read, in job order
        self._jobs = len(jobs)
        if jobs:
            t = time.perf_counter()
            run_job(jobs, address, self.shards)
            LAST_RUN["ray job"] = time.perf_counter() - t
            self._it = self._read()

    def _read(self) -> Iterator:
        """The shards' rows in job order, but for their facts tables. Each shard holds a run of consecutive
        jobs (a block of the plan): shards are read one at a time in order of their first job, so the
        driver holds one shard, not the corpus; should runs overlap, DuckDB sorts them all (spilling to
        disk past its memory limit)."""
        import duckdb

        from index.build import FileEntry, _FileWork
        from index.store import DB_MEMORY

        self._con = con = duckdb.connect(config={"memory_limit": DB_MEMORY})
        runs = con.sql(f"select filename, min(job), max(job) from read_parquet('{self._glob}', filename = true) "
                       "group by filename order by 2").fetchall()
        cols = "job, error, disk_full, fresh, entry, tokens, embedded, embed_s"
        if any(a[2] >= b[1] for a, b in zip(runs, runs[1:])):
            queries = [f"select {cols} from read_parquet('{self._glob}') order by job"]
        else:
            queries = [f"select {cols} from read_parquet('{_sql_str(f)}') order by job" for f, *_ in runs]
        for sql in queries:
            for batch in con.sql(sql).to_arrow_reader(1024):
                for row in batch.to_pylist():
                    if row["error"] is not None or row["disk_full"] is not None:
                        yield _FileWork(error=row["error"], disk_full=row["disk_full"])
                        continue
                    self._read_jobs.append(row["job"])
                    yield _FileWork(rows={}, tokens=row["tokens"], fresh=row["fresh"],
                                    embedded=row["embedded"], embed_s=row["embed_s"],
                                    entry=FileEntry.model_validate_json(row["entry"]))

    def __next__(self):
        return next(self._it)

    def stage(self, writer, filenos: list[int]) -> None:
        """Put the rows of the files read into the writer's staging tables (index.store.FactsWriter), each
        under the build's file number (FILENOS: one per file read, in job order, as the build numbered
        them), straight from the shards: DuckDB unnests each file's column lists itself, so no row passes
        through Python (that was most of the driver's time). Rows of a file keep their order: nothing
        here sorts, joins or reorders (DuckDB preserves insertion order), and the writer orders files."""
        assert len(filenos) == len(self._read_jobs), "every file read is numbered by the build"
        if not filenos:
            return
        fileno = [None] * self._jobs
        for job, n in zip(self._read_jobs, filenos):
            fileno[job] = n
        for t, cols in SCHEMA.items():
            lists = ", ".join(f'unnest(s."{t}"."{c}")' for c, _ in cols)
            writer.con.execute(f"insert into stage_{t} select s.f, {lists} from (select list_extract($1, job + 1) as f, "
                               f'"{t}" from read_parquet(\'{self._glob}\')) s where s.f is not null', [fileno])

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None
        shutil.rmtree(self.shards, ignore_errors=True)


def run_job(jobs: list, address: str | None, shards: Path) -> None:
    """Run the Ray Data job over the planned files, writing Parquet shards to SHARDS. Connects to the
    cluster at ADDRESS (or $RAY_ADDRESS, or starts a local one); a Ray already initialised in this process
    (the tests') is used as it is."""
    import ray

    from index.errors import ReportError

    started = not ray.is_initialized()
    if started:
        try:
            ray.init(address=address, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
        except (ConnectionError, RuntimeError, ValueError) as err:
            raise ReportError("--ray", f"cannot start or reach Ray at {address or 'RAY_ADDRESS/local'}: "
                                       f"{str(err).splitlines()[0] if str(err) else type(err).__name__}") from None
    try:
        ctx = ray.data.DataContext.get_current()
        ctx.enable_progress_bars = False
        items = [{"job": i, "path": str(path), "rel": rel, "cache": str(cache), "key": key,
                  "fix": json.dumps(list(fix), ensure_ascii=False) if fix else ""}
                 for i, (path, rel, cache, key, fix, _) in enumerate(jobs)]
        embed = jobs[0][5]  # the same EmbedJob (or None) for every file
        batch = files_per_task(len(items), int(ray.cluster_resources().get("CPU", 1)))
        ds = ray.data.from_items(items, override_num_blocks=-(-len(items) // batch))
        # An extraction task's memory is declared: Ray places no more tasks on a node than its memory
        # holds, and the differing resources keep it from fusing extraction into the embedding actors
        # (extraction would then run on those few actors only).
        ds = ds.map_batches(_extract_batch, batch_size=batch, batch_format="pyarrow",
                            memory=EXTRACT_MEMORY)
        if embed:
            ds = ds.map_batches(_Embed, fn_constructor_args=(embed,), batch_size=EMBED_FILES,
                                batch_format="pyarrow", concurrency=_embed_actors())
        shards.mkdir(parents=True, exist_ok=True)
        # the write declares the extraction's memory too, so that Ray fuses it into the extraction task
        # (each task writes its own shard) instead of passing every block through the object store to a
        # write task of its own; after the embedding actors it runs as its own task, as before
        ds.write_parquet(str(shards), ray_remote_args={"memory": EXTRACT_MEMORY})
    finally:
        if started:
            ray.shutdown()


def files_per_task(files: int, cpus: int) -> int:
    """Files per extraction task: TASKS_PER_CPU tasks per CPU at least (two workers share a handful of
    files, one file each), at most MAX_BATCH files (100,000 reports make some 1,600 tasks and shards, not
    25,000 of four files whose scheduling and small files cost more than the files' work)."""
    return max(1, min(MAX_BATCH, files // (TASKS_PER_CPU * max(1, cpus))))


def _embed_actors() -> int:
    """One embedding actor per two CPUs of the cluster (a model uses several threads), at least one."""
    import ray

    return max(1, int(ray.cluster_resources().get("CPU", 1)) // 2)


def _sql_str(s: str) -> str:
    return s.replace("'", "''")
