"""The base keyword index's agency field terms, by agency, in a small SQLite file beside the generation's
base (`agency_terms.sqlite`), with the tokenizer the base was cut with: what a segment add reads of the
base's keyword index (index/grow.py, index/build.py _reusable) without parsing its
`keyword/meta_tables.json` (every report and agency name: 4 MB at 100,000 reports) and
`keyword/keyword.json` (1.5 MB), ~1.3 s and more on a busy machine for each add.

Written by a full build beside its base (and by the first grow over a base written before, once), and
hard-linked forward by every grow after; it records the identity (inode, size, time) of the two files it
was made from, so a base written again is never read through an older file."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from types import SimpleNamespace

AGENCY_TERMS = "agency_terms.sqlite"


def _source_tag(keyword: Path) -> str:
    stats = [os.stat(keyword / name) for name in ("meta_tables.json", "keyword.json")]
    return "|".join(f"{st.st_ino}:{st.st_size}:{st.st_mtime_ns}" for st in stats)


def write_agency_terms(keyword: Path, out: Path) -> None:
    """out: the agency field terms of the keyword index folder `keyword` (written to a temporary name and
    renamed)."""
    info = json.loads((keyword / "keyword.json").read_text("utf-8"))
    names = json.loads((keyword / "meta_tables.json").read_text("utf-8"))["agencies"]
    tmp = out.with_name(f"{out.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    try:
        con.executescript("create table names(aid integer primary key, agency text not null);"
                          "create table terms(aid integer not null, term text not null);"
                          "create table meta(key text primary key, value text not null);")
        con.executemany("insert into names values (?, ?)", enumerate(names))
        con.executemany("insert into terms values (?, ?)",
                        ((aid, t) for t, ids in info["fields"]["agency"].items() for aid in ids))
        con.executescript("create index names_agency on names(agency); create index terms_aid on terms(aid);")
        con.executemany("insert into meta values (?, ?)", [
            ("part", json.dumps(info["fields"]["part"], ensure_ascii=False)),
            ("tokenizer", json.dumps(info.get("tokenizer"))), ("source", _source_tag(keyword))])
        con.commit()
    finally:
        con.close()
    os.replace(tmp, out)


def _open(path: Path, keyword: Path) -> tuple[sqlite3.Connection, dict[str, str]] | None:
    """The file and its meta table, if it was made from the keyword folder `keyword` as it is."""
    if not path.is_file():
        return None
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    meta = dict(con.execute("select key, value from meta").fetchall())
    if meta.get("source") != _source_tag(keyword):
        con.close()
        return None
    return con, meta


def base_tokenizer(path: Path, keyword: Path) -> dict | None:
    """The tokenizer settings the keyword folder `keyword` was built with, from the file `path` made from
    it (None: missing, or made from another folder)."""
    opened = _open(path, keyword)
    if opened is None:
        return None
    opened[0].close()
    return json.loads(opened[1]["tokenizer"])


def known_fields(path: Path, keyword: Path, agencies: set[str]) -> SimpleNamespace | None:
    """What KeywordIndex._build_fields reads of a known index (its field terms, its agency names by id) for
    `agencies` alone, from the file `path` made from the keyword folder `keyword`; None when the file is
    missing or was made from another one."""
    opened = _open(path, keyword)
    if opened is None:
        return None
    con, meta = opened
    try:
        wanted = sorted(agencies)
        rows = con.execute(f"select aid, agency from names where agency in ({', '.join('?' * len(wanted))})",
                           wanted).fetchall() if wanted else []
        names = dict(rows)
        mine: dict[str, list[int]] = {}
        if names:
            for aid, t in con.execute(f"select aid, term from terms where aid in ({', '.join('?' * len(names))}) "
                                      "order by rowid", sorted(names)).fetchall():
                mine.setdefault(t, []).append(aid)
    finally:
        con.close()
    return SimpleNamespace(fields={"agency": mine, "part": json.loads(meta["part"])},
                           meta=SimpleNamespace(agencies=names))
