"""The web app's tables saved beside the store (``news.duckdb`` -> ``news.duckdb.web/``), so that a server
process starts by mapping files instead of rebuilding them, and all its processes share one copy of the rows
in the operating system's page cache instead of holding one each.

The first process to start builds the tables and saves them, holding a lock on ``news.duckdb.web.lock``
so that the others wait and then map what it saved. The copy is keyed by the store file's size and
modification time (and its write-ahead log's, and wirewatch's version): when the store changes, the next
server start rebuilds it. Arrays are ``.npy`` files and rows one buffer each, mapped read-only; the search
index is tantivy's own files (``search/``), which tantivy maps. When the store's folder cannot be written,
the tables are built in memory, as before.
"""

from __future__ import annotations

import dataclasses
import fcntl
import json
import mmap
import os
import shutil
import typing
from pathlib import Path

import duckdb
import numpy as np

from wirewatch import __version__
from wirewatch.web.index import SearchIndex
from wirewatch.web.tables import Listing, Tables, connect

FORMAT = 6  # bump when what is saved changes


def tables_for(db_path: str) -> Tables:
    """The app's tables for the store at ``db_path``: mapped from its saved copy when that is current,
    else built (and saved for the next start when the store's folder is writable)."""
    where = Path(db_path + ".web")
    try:
        lock = open(db_path + ".web.lock", "a")  # noqa: SIM115 - held open for the whole build
    except OSError:  # a folder we may not write in: build in memory every time
        return Tables.build(connect(db_path))
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if _current(where, db_path):
            try:
                return load(where, db_path)
            except (OSError, ValueError, KeyError, duckdb.Error):  # damaged since it was saved: build again
                pass
        con = connect(db_path)
        shutil.rmtree(where, ignore_errors=True)
        try:
            built = Tables.build(con, where / "search")  # the index is written where it is kept
            save(built, where, _key(db_path))
        except OSError:  # a full disk: build again in memory
            shutil.rmtree(where, ignore_errors=True)
            con.close()
            return Tables.build(connect(db_path))
        con.close()
        return load(where, db_path)  # the mapped copy, shared with the other processes, not the built one


def _key(db_path: str) -> dict:
    def stamp(path: str) -> list[int] | None:
        try:
            st = os.stat(path)
        except OSError:
            return None
        return [st.st_size, st.st_mtime_ns]

    return {"format": FORMAT, "wirewatch": __version__, "store": stamp(db_path), "wal": stamp(db_path + ".wal")}


def _current(where: Path, db_path: str) -> bool:
    try:
        return json.loads((where / "key.json").read_text()) == _key(db_path)
    except (OSError, ValueError):
        return False


def _fields() -> dict[str, type]:
    hints = typing.get_type_hints(Tables)
    return {f.name: hints[f.name] for f in dataclasses.fields(Tables) if f.name != "con"}


def save(tables: Tables, where: Path, key: dict) -> None:
    """Write every part of ``tables`` into the folder ``where`` (which holds their search index), the key
    last."""
    where.mkdir(parents=True, exist_ok=True)
    plain = {}
    for name, kind in _fields().items():
        value = getattr(tables, name)
        if kind is Listing:
            (where / f"{name}.rows").write_bytes(bytes(value.blob))
            np.save(where / f"{name}.offsets.npy", value.offsets)
        elif kind is np.ndarray:
            np.save(where / f"{name}.npy", value)
        elif kind is SearchIndex:
            plain[name] = value.vocabulary  # the index itself is already in where / "search"
        else:
            plain[name] = value
    (where / "plain.json").write_text(json.dumps(plain, ensure_ascii=False))
    (where / "key.json").write_text(json.dumps(key))  # last: a folder without it is not used


def load(where: Path, db_path: str) -> Tables:
    """The tables saved in ``where``, mapped read-only, over a new connection to the store."""
    plain = json.loads((where / "plain.json").read_text())
    parts = {}
    for name, kind in _fields().items():
        if kind is Listing:
            with open(where / f"{name}.rows", "rb") as f:
                size = os.fstat(f.fileno()).st_size
                blob = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
            parts[name] = Listing(blob, np.load(where / f"{name}.offsets.npy", mmap_mode="r"))
        elif kind is np.ndarray:
            parts[name] = np.load(where / f"{name}.npy", mmap_mode="r")
        elif kind is SearchIndex:
            parts[name] = SearchIndex.open(where / "search", plain[name])
        else:
            parts[name] = plain[name]
    return Tables(connect(db_path), **parts)
