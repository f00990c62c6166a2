"""A hostile input folder through ``wirewatch run``: bombs, huge files, odd names, links, permissions.

For each hostile input the good documents beside it are stored, the hostile one costs one error line, and
the run ends with its summary line and exit status 0.
"""

from __future__ import annotations

import functools
import gzip
import io
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from wirewatch.readers import read_inputs
from wirewatch.store import Store

GOOD = ("date 2022-05-14 source: Steppe Courier\n"
        "Ukrainian forces retook two villages north of Kharkiv on Friday, the regional governor said.\n")


@functools.cache
def _bomb() -> bytes:
    return gzip.compress(b"\0" * (64 * 2**20), 9)  # 64 MB in about 64 KB: over the 50 MB document limit


def _good(n: int) -> bytes:
    return GOOD.replace("two villages", f"{n + 2} villages").encode()


def _warc() -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    page = ("<!doctype html><html><head><title>Izium</title></head><body><article><h1>Izium</h1><p>Russian troops "
            "shelled Izium on Monday, damaging a hospital, the regional governor said on Tuesday.</p><p>Repair "
            "crews were at work by the afternoon, officials in the region said.</p></article></body></html>")
    for uri, payload, encoding in (("https://courier.example/bomb", _bomb(), "gzip"),
                                   ("https://courier.example/izium", page.encode(), "")):
        headers = [("Content-Type", "text/html; charset=utf-8"), *([("Content-Encoding", encoding)] if encoding else [])]
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(payload),
                                                      http_headers=StatusAndHeaders("200 OK", headers,
                                                                                    protocol="HTTP/1.1")))
    return out.getvalue()


@pytest.fixture
def hostile(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    outside = tmp_path / "secret.txt"
    outside.write_bytes(_good(90))
    files = {
        "01-good.txt": _good(1),
        "02-bomb.txt.gz": _bomb(),
        "03-crawl.warc.gz": _warc(),
        "05-records.jsonl": "\n".join(json.dumps(r) for r in [
            {"id": "j-good", "text": _good(3).decode()},
            {"id": "j-far", "text": _good(4).decode(), "published": "9999-12-31"},
            {"id": "\x1b]0;owned\x07[/]", "text": "Shelling hit Kupiansk \ud800 on Sunday, officials said."},
        ]).encode(),
        "06-[bold]markup[red].txt": _good(5),
        "07-\x1b[31mescape.txt": _good(6),
        "08-new\nline.txt": _good(7),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    with open(folder / "04-huge.txt", "wb") as f:  # 60 MB (sparse): over the limit before it is read
        f.truncate(60 * 2**20)
    (folder / "09-zero.txt").symlink_to("/dev/zero")
    (folder / "10-outside.txt").symlink_to(outside)
    (folder / "11-inside.txt").symlink_to(folder / "01-good.txt")  # the same text: stored once
    (folder / "12-loop").symlink_to(folder, target_is_directory=True)
    os.mkfifo(folder / "13-pipe.txt")  # not a regular file: never opened, so never waited on
    with open(os.fsencode(folder) + b"/14-latin1-\xe9t\xe9.txt", "wb") as f:  # a name that is not UTF-8
        f.write(_good(8))
    locked = folder / "15-locked"
    locked.mkdir()
    (locked / "inside.txt").write_bytes(_good(9))
    return folder


def _lock(monkeypatch, folder: Path) -> None:
    """``15-locked`` cannot be listed (as without read permission; root would read it anyway)."""
    real_walk = os.walk

    def walk(top, onerror=None, **kwargs):
        for current, dirs, files in real_walk(top, onerror=onerror, **kwargs):
            if "15-locked" in dirs:
                dirs.remove("15-locked")
                onerror(PermissionError(13, "Permission denied", str(folder / "15-locked")))
            yield current, dirs, files

    monkeypatch.setattr(os, "walk", walk)


@pytest.mark.slow
def test_a_hostile_folder_costs_one_line_per_hostile_input_and_keeps_every_good_document(
        hostile, tmp_path, monkeypatch, extractor):
    import wirewatch.engines.local
    from wirewatch.cli import app

    _lock(monkeypatch, hostile)
    monkeypatch.setattr(wirewatch.engines.local, "shared_extractor", lambda profile: extractor)
    db = tmp_path / "news.duckdb"
    result = CliRunner().invoke(app, ["run", str(hostile), "--db", str(db), "-j", "1"])
    assert result.exit_code == 0, result.output
    stderr = result.stderr
    errors = [line for line in stderr.splitlines() if line.startswith("error")]
    expected = {"02-bomb.txt.gz": "compression bomb", "courier.example/bomb": "record too large",
                "04-huge.txt": "too large", "j-far": "outside 1900-01-01 to 2100-12-31",
                "09-zero.txt": "outside the input folder", "10-outside.txt": "outside the input folder",
                "15-locked": "cannot read folder"}
    for name, reason in expected.items():
        (line,) = [e for e in errors if name in e]
        assert reason in line, line
    assert len(errors) == len(expected), errors
    assert "\x1b" not in stderr and "\x07" not in stderr
    assert result.stdout.startswith("9 articles read: 8 new, 1 already stored, 7 could not be read."), result.stdout
    with Store(db, read_only=True) as store:
        ids = {r[0] for r in store.con.execute("SELECT doc_id FROM articles").fetchall()}
        assert store.con.execute("SELECT count(*) FROM errors").fetchone()[0] == 7
    assert ids == {str(hostile / "01-good.txt"), "https://courier.example/izium", "j-good", "\x1b]0;owned\x07[/]",
                   str(hostile / "06-[bold]markup[red].txt"), str(hostile / "07-\x1b[31mescape.txt"),
                   str(hostile / "08-new\nline.txt"), f"{hostile}/14-latin1-\\xe9t\\xe9.txt"}


def test_row13_jsonl_limits_are_per_record_not_per_file(tmp_path, monkeypatch):
    import importlib

    monkeypatch.setattr(importlib.import_module("wirewatch.readers.decode"), "MAX_BYTES", 200_000)  # a file's
    monkeypatch.setattr(importlib.import_module("wirewatch.readers.jsonl"), "MAX_BYTES", 200_000,  # a record's
                        raising=False)
    records = [{"id": f"r{i}", "text": f"Shelling hit Izium on day {i}, officials said."} for i in range(6000)]
    lines = [json.dumps(r) for r in records]
    lines.insert(3000, json.dumps({"id": "huge", "text": "x" * 300_000}))
    (tmp_path / "many.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert (tmp_path / "many.jsonl").stat().st_size > 3 * 200_000
    items = list(read_inputs([str(tmp_path / "many.jsonl")]))
    assert len(items) == 6001
    (error,) = [i for i in items if not hasattr(i, "text")]
    assert "line 3001: record too large" in error.reason
    assert [i.id for i in items if hasattr(i, "text")] == [r["id"] for r in records]


def test_row10_a_file_larger_than_the_limit_is_refused_without_reading_it_whole(tmp_path):
    import resource
    import tracemalloc

    with open(tmp_path / "huge.txt", "wb") as f:
        f.truncate(400 * 2**20)  # 400 MB, sparse
    tracemalloc.start()
    (error,) = read_inputs([str(tmp_path / "huge.txt")])
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "too large" in error.reason
    assert peak < 120 * 2**20, peak  # at most the 50 MB limit and one read beyond it, never the file
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # (resident size is the process's, not this read's)


def test_row9_a_file_name_that_is_not_utf8_is_read_and_stored(tmp_path):
    from wirewatch.models import DocResult

    raw = os.fsencode(tmp_path) + b"/caf\xe9-\xff.txt"  # Latin-1 bytes: not UTF-8
    with open(raw, "wb") as f:
        f.write(_good(1))
    (article,) = read_inputs([str(tmp_path)])
    assert article.id.endswith("caf\\xe9-\\xff.txt") and article.id == article.source_path
    with Store(tmp_path / "s.duckdb") as store:
        assert store.add_result(DocResult(article), store.begin_run("test", []))
        assert store.con.execute("SELECT doc_id FROM articles").fetchone()[0] == article.id


def test_row18_a_link_out_of_the_folder_and_an_unlistable_subfolder_each_get_an_error(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    (folder / "15-locked").mkdir(parents=True)
    (folder / "01-good.txt").write_bytes(_good(1))
    (tmp_path / "secret.txt").write_bytes(_good(2))
    (folder / "02-outside.txt").symlink_to(tmp_path / "secret.txt")
    (folder / "03-inside.txt").symlink_to(folder / "01-good.txt")
    _lock(monkeypatch, folder)
    items = list(read_inputs([str(folder)]))
    assert [type(i).__name__ for i in items] == ["Article", "DocError", "Article", "DocError"]
    assert "outside the input folder, not followed" in items[1].reason
    assert items[3].reason == "cannot read folder: Permission denied" and items[3].id.endswith("15-locked")
