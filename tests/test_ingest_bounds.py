"""Odd and hostile folders: nothing lost, nothing unbounded, no links out of the folder
(issue 9, items 1, 3, 4 and 6). Figures for time and memory: benchmarks/bench_ingest_limits.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from knowledge import filetext
from knowledge.base import KnowledgeBase
from knowledge.filetext import UnreadableFile, read_document
from knowledge.ingest import ingest_paths
from knowledge.store import open_db
from tests.pdfs import shared_content_pdf


def names(db_path: Path) -> list[str]:
    db = open_db(db_path)
    return sorted(r[0] for r in db.conn.execute("SELECT name FROM documents"))


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], capture_output=True, text=True, timeout=120
    )


# -- 1. files of the same name in different folders ---------------------------------------------


def minutes(folder: Path, year: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "niederschrift.txt"
    path.write_text(f"Der Integrationsrat tagte am 12.03.{year}. Es kamen {year - 1990} Gäste.\n")
    return path


def test_same_file_name_in_two_folders_keeps_both(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    minutes(corpus / "2020", 2020)
    minutes(corpus / "2021", 2021)
    db_path = tmp_path / "kb.db"
    first = ingest_paths(open_db(db_path), [corpus])
    assert [(r.name, r.status) for r in first] == [
        ("2020/niederschrift.txt", "added"),
        ("2021/niederschrift.txt", "added"),
    ]
    second = ingest_paths(open_db(db_path), [corpus])
    assert {r.status for r in second} == {"unchanged"}
    assert names(db_path) == ["2020/niederschrift.txt", "2021/niederschrift.txt"]
    kb = KnowledgeBase(open_db(db_path))
    answer = kb.ask("Wie viele Gäste kamen 2021 zum Integrationsrat?")
    assert answer.answered
    assert "31 Gäste" in answer.hits[0].text
    assert answer.hits[0].source.name == "2021/niederschrift.txt"
    assert answer.hits[0].source.title == "Niederschrift"  # readable, from the file name


def test_a_database_keyed_by_bare_names_is_taken_over_not_duplicated(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    old = minutes(corpus / "2020", 2020)
    minutes(corpus / "2021", 2021)
    db_path = tmp_path / "kb.db"
    # Earlier releases keyed documents by file name: "niederschrift.txt".
    ingest_paths(open_db(db_path), [old])
    assert names(db_path) == ["niederschrift.txt"]
    results = ingest_paths(open_db(db_path), [corpus])
    assert [(r.name, r.status) for r in results] == [
        ("2020/niederschrift.txt", "unchanged"),
        ("2021/niederschrift.txt", "added"),
    ]
    assert names(db_path) == ["2020/niederschrift.txt", "2021/niederschrift.txt"]


def test_the_document_button_file_keeps_a_plain_file_name(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    minutes(corpus / "2021", 2021)
    db = open_db(tmp_path / "kb.db")
    ingest_paths(db, [corpus])
    found = KnowledgeBase(db).document_file(1)
    assert found is not None
    assert found[1] == "niederschrift.txt"


# -- 3. bounded in memory and time -----------------------------------------------------------


def sparse(path: Path, size: int) -> Path:
    with path.open("wb") as f:
        f.truncate(size)  # no disk used; reading it whole would take `size` bytes of memory
    return path


@pytest.mark.parametrize(
    ("name", "size", "expected"),
    [
        ("nullen.pdf", 2**30, "file too large (1024 MB, limit 64 MB)"),
        ("nullen-klein.pdf", 20 * 2**20, "not a readable PDF: no PDF header"),
        ("riesig.txt", 4 * 2**30, "file too large (4096 MB, limit 50 MB)"),
        ("abbild.iso", 2 * 2**30, "unsupported file type .iso"),
    ],
)
def test_type_and_size_are_checked_before_reading(
    tmp_path: Path, name: str, size: int, expected: str
) -> None:
    path = sparse(tmp_path / name, size)
    with pytest.raises(UnreadableFile) as refused:
        read_document(path)
    assert str(refused.value) == expected


def test_dev_zero_and_a_fifo_are_refused_on_the_command_line(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    run = cli("--db", str(tmp_path / "kb.db"), "ingest", "/dev/zero", str(fifo))
    assert run.returncode == 1
    assert "Fehler: /dev/zero: unsupported file type (no suffix)" in run.stderr
    assert f"Fehler: {fifo}: not a regular file (a device or a pipe)" in run.stderr
    assert names(tmp_path / "kb.db") == []


def test_pdf_pages_sharing_one_huge_content_stream_are_read_once(tmp_path: Path) -> None:
    pdf = tmp_path / "bombe.pdf"
    pdf.write_bytes(shared_content_pdf(pages=100, kilobytes=1024))
    assert pdf.stat().st_size < 2 * 2**20
    read = read_document(pdf)
    assert len(read.text) <= filetext.MAX_PAGE_CHARS + 100 * len(filetext.PAGE_SEPARATOR)
    assert any("repeat an earlier page" in note for note in read.notes)
    assert any("cut after 100,000 characters" in note for note in read.notes)


def test_text_beyond_the_document_limit_is_cut_and_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(filetext, "MAX_DOCUMENT_CHARS", 2000)
    path = tmp_path / "lang.txt"
    path.write_text("Der Kreis fördert die Integration. " * 500)
    (result,) = ingest_paths(open_db(tmp_path / "kb.db"), [path])
    assert result.status == "added"
    assert result.notes == ("text cut after 2,000 of 17,500 characters (limit per document)",)
    output = CliRunner().invoke(main, ["--db", str(tmp_path / "cli.db"), "ingest", str(path)])
    assert output.exit_code == 0
    assert "Hinweis:" in output.output
    assert "text cut after 2,000" in output.output


# -- 4. symbolic links -------------------------------------------------------------------------


def test_links_out_of_the_folder_are_not_followed(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "gut.txt").write_text("Die Fachstelle Integration wurde 2005 eingerichtet.\n")
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "etc").symlink_to("/etc")
    (folder / "kopie.txt").symlink_to(folder / "gut.txt")  # inside, but a link all the same
    db_path = tmp_path / "kb.db"
    run = cli("--db", str(db_path), "ingest", str(folder), str(folder / "passwd.txt"))
    assert run.returncode == 0, run.stderr
    assert run.stderr.count("Übersprungen:") == 4
    assert "symbolic link, not followed" in run.stderr
    assert "1 neu" in run.stdout
    assert "4 übersprungen" in run.stdout
    assert names(db_path) == ["gut.txt"]
    assert not KnowledgeBase(open_db(db_path)).ask("root bash").answered


# -- 6. one bad corpus.json value ----------------------------------------------------------------


def test_a_bad_year_affects_only_its_own_document(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text("Sitzung vom 04.05.2019 im Kreishaus.\n")
    (folder / "b.txt").write_text("Sitzung vom 06.07.2020 im Kreishaus.\n")
    (folder / "c.txt").write_text("Sitzung vom 08.09.2021 im Kreishaus.\n")
    meta = {"a.txt": {"year": "²"}, "b.txt": {"year": 99999}, "c.txt": {"year": 2021}}
    (folder / "corpus.json").write_text(json.dumps({"documents": meta}), encoding="utf-8")
    db = open_db(tmp_path / "kb.db")
    results = ingest_paths(db, [folder])
    assert {r.status for r in results} == {"added"}
    years = dict(db.conn.execute("SELECT name, year FROM documents").fetchall())
    assert years == {"a.txt": 2019, "b.txt": 2020, "c.txt": 2021}  # from the text where bad


def test_a_deeply_nested_corpus_json_stops_its_folder_cleanly(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text("Sitzung vom 04.05.2019 im Kreishaus.\n")
    (folder / "corpus.json").write_text("[" * 100_000 + "]" * 100_000)
    run = cli("--db", str(tmp_path / "kb.db"), "ingest", str(folder))
    assert run.returncode == 1
    assert "corpus.json kann nicht gelesen werden (zu tief verschachtelt)" in run.stderr
    assert "Traceback" not in run.stderr


def test_a_deflate_bomb_page_is_refused_quickly(tmp_path: Path) -> None:
    """A 200 KB PDF whose page stream inflates to 200 MB (kept from the probes that held up)."""
    import io
    import zlib

    from pypdf import PdfWriter
    from pypdf.generic import NameObject, NumberObject, StreamObject

    packer = zlib.compressobj(9)
    chunk = b" " * 2**20
    raw = b"".join(packer.compress(chunk) for _ in range(200)) + packer.flush()
    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    stream = StreamObject()
    stream._data = raw
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    stream[NameObject("/Length")] = NumberObject(len(raw))
    page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    path = tmp_path / "bombe.pdf"
    path.write_bytes(out.getvalue())
    assert path.stat().st_size < 2**20
    with pytest.raises(UnreadableFile) as refused:
        read_document(path)
    assert str(refused.value).startswith("not a readable PDF")
