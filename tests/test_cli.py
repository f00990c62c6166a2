"""The command line end to end, as a user runs it (in-process through typer's runner)."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
from pathlib import Path

import duckdb
from typer.testing import CliRunner

from wirewatch.cli import app

FIXTURES = Path(__file__).parent / "fixtures"
runner = CliRunner()


def _good_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    shutil.copy(FIXTURES / "kharkiv_brief.txt", folder / "brief.txt")
    records = [
        {"id": "wire-1", "published": "2022-05-14", "source": "Northwire",
         "text": "Russian artillery hit Lozova on Friday, the mayor said. Two people were wounded."},
        {"id": "wire-2", "published": "2022-05-15",
         "text": "Ukrainian troops reached the Russian border north of Kharkiv, the General Staff said."},
    ]
    (folder / "wire.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return folder


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.startswith("wirewatch ")


def test_extract_prints_one_contract_object_per_document_in_order(tmp_path):
    folder = _good_folder(tmp_path)
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(folder / "brief.txt"), str(folder / "wire.jsonl"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == [str(folder / "brief.txt"), "wire-1", "wire-2"]
    assert rows[0]["published"] == "2022-05-12"
    assert rows[1]["published"] == "2022-05-14"
    brief = (folder / "brief.txt").read_text(encoding="utf-8")
    assert any(b["kind"] == "advert" for b in rows[0]["boilerplate"])
    for place in rows[0]["places"]:
        assert brief[place["start"]:place["end"]] == place["text"]


def test_run_twice_stores_each_article_once(tmp_path):
    folder = _good_folder(tmp_path)
    db = tmp_path / "w.duckdb"
    result = runner.invoke(app, ["run", str(folder), "--db", str(db), "--workers", "1"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()  # a summary for a person, on stdout
    assert lines[0] == "3 articles read: 3 new, 0 already stored."
    assert re.fullmatch(r"\d+ events, \d+ corroborated by more than one outlet; \d+ control changes; \d+ checked "
                        r"comparisons; \d+ stories\.", lines[1]), lines[1]
    assert lines[2] == f"Next: wirewatch report --db {db} -o report.html, or wirewatch serve --db {db}"
    assert "corpus stage: 6 of 6 steps" in result.stderr  # plain progress off a terminal
    again = runner.invoke(app, ["run", str(folder), "--db", str(db), "--workers", "1", "--json"])
    assert again.exit_code == 0, again.output
    summary = json.loads(again.stdout)  # one JSON object for machines
    assert (summary["read"], summary["stored"], summary["already_stored"], summary["errors"]) == (3, 0, 3, 0)
    assert summary["corpus"]["events"] >= 1 and summary["db"] == str(db)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*) from articles").fetchone()[0] == 3
    assert con.execute("select count(*) from runs").fetchone()[0] == 2
    con.close()


def test_junk_beside_good_articles_gives_one_error_each_and_keeps_the_good(tmp_path):
    folder = _good_folder(tmp_path)
    (folder / "random.bin").write_bytes(os.urandom(4096))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "cut.txt.gz").write_bytes(gzip.compress(b"Shelling hit Kharkiv on Monday. " * 50)[:60])
    (folder / "bad.jsonl").write_text('{"id": "ok-1", "text": "Kharkiv was shelled on Monday."}\n{"id": broken\n',
                                      encoding="utf-8")
    (folder / "cututf8.txt").write_bytes("Обстріл Харкова тривав".encode()[:-1])
    db = tmp_path / "w.duckdb"
    result = runner.invoke(app, ["run", str(folder), "--db", str(db), "--workers", "1"])
    assert result.exit_code == 0, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error ")]
    assert len(errors) == 5, result.output
    for name in ("random.bin", "empty.txt", "cut.txt.gz", "bad.jsonl", "cututf8.txt"):
        assert sum(name in line for line in errors) == 1, (name, errors)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*) from articles").fetchone()[0] == 4
    con.close()


def test_nothing_readable_exits_non_zero(tmp_path):
    junk = tmp_path / "junk.bin"
    junk.write_bytes(os.urandom(512))
    result = runner.invoke(app, ["extract", str(junk)])
    assert result.exit_code == 1
    assert json.loads(result.stdout.splitlines()[0])["error"]


def test_help_names_values_not_python_types_and_marks_what_is_required():
    for command in ([], ["run"], ["extract"], ["report"], ["export"], ["serve"], ["eval"], ["bench"]):
        text = runner.invoke(app, [*command, "--help"], terminal_width=200).output
        assert not re.search(r"<(list\[str\]|str|int|bool|path)>", text), (command, text)
    run_help = runner.invoke(app, ["run", "--help"], terminal_width=200).output
    assert re.search(r"\*\s+--db\s+FILE\s+The DuckDB store file\. \[required\]", run_help), run_help
    assert "wirewatch run news/ --db news.duckdb" in run_help and "INPUT" in run_help
    assert runner.invoke(app, ["run", "x.txt"]).exit_code == 2  # --db missing: a usage error


def test_progress_off_a_terminal_is_a_plain_line_per_thousand_documents(capsys):
    from wirewatch.cli import _count_documents, _progress

    with _progress("ingest", 2500) as advance:
        for _ in range(2500):
            advance(1)
    assert capsys.readouterr().err.splitlines() == ["ingest: 1,000 of 2,500 documents",
                                                    "ingest: 2,000 of 2,500 documents"]
    assert _count_documents([str(FIXTURES / "kharkiv_brief.txt")]) == 1 and _count_documents(["-"]) is None
