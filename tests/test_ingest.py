"""Ingest: metadata, idempotency, replacement, transactions per batch and document, bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from knowledge import ingest as ingest_module
from knowledge.base import KnowledgeBase
from knowledge.ingest import (
    DocumentMeta,
    TextDocument,
    ingest_paths,
    ingest_texts,
    title_from_name,
    year_from_text,
)
from knowledge.store import open_db


def passages_of(db_path: Path, name: str) -> list[str]:
    db = open_db(db_path)
    return [
        r[0]
        for r in db.conn.execute(
            "SELECT p.text FROM passages p JOIN documents d ON d.id = p.doc_id "
            "WHERE d.name = ? ORDER BY p.ord",
            (name,),
        )
    ]


def test_corpus_json_supplies_title_kind_year(corpus_copy: Path, tmp_path: Path) -> None:
    db = open_db(tmp_path / "kb.db")
    ingest_paths(db, [corpus_copy])
    docs = {d.name: d for d in KnowledgeBase(db).documents()}
    doc = docs["2021-kim-module-und-case-management.txt"]
    assert doc.title.startswith("TOP 7: Kommunales Integrationsmanagement")
    assert doc.kind == "Niederschrift (Auszug)"
    assert doc.year == 2021
    assert doc.passages > 20


def test_without_metadata_title_from_name_and_year_from_dates(tmp_path: Path) -> None:
    f = tmp_path / "sitzung_sozialausschuss-maerz.txt"
    f.write_text("Die Sitzung vom 12.03.2024 begann pünktlich. Nächster Termin am 05.06.2024.\n")
    db = open_db(tmp_path / "kb.db")
    ingest_paths(db, [f])
    (doc,) = KnowledgeBase(db).documents()
    assert doc.title == "Sitzung sozialausschuss maerz"
    assert doc.year == 2024
    assert title_from_name(Path("2021-kim-module.txt")) == "2021 kim module"
    assert year_from_text("am 01.02.2019 und 03.04.2020 und 05.06.2020") == 2020
    assert year_from_text("keine Jahreszahl") is None


def test_reingesting_unchanged_files_does_nothing(corpus_copy: Path, tmp_path: Path) -> None:
    db = open_db(tmp_path / "kb.db")
    first = ingest_paths(db, [corpus_copy])
    ids = db.conn.execute("SELECT id FROM passages ORDER BY id").fetchall()
    second = ingest_paths(db, [corpus_copy])
    assert {r.status for r in first} == {"added"}
    assert {r.status for r in second} == {"unchanged"}
    assert db.conn.execute("SELECT id FROM passages ORDER BY id").fetchall() == ids


def test_changed_file_replaces_its_passages(tmp_path: Path) -> None:
    f = tmp_path / "notiz.txt"
    f.write_text("Die Jury tagt am 21.11.2019 im Kreishaus.\n")
    db_path = tmp_path / "kb.db"
    db = open_db(db_path)
    ingest_paths(db, [f])
    f.write_text("Die Jury tagt am 28.11.2019 im Rathaus.\n")
    (result,) = ingest_paths(db, [f])
    assert result.status == "updated"
    assert passages_of(db_path, "notiz.txt") == ["Die Jury tagt am 28.11.2019 im Rathaus."]
    kb = KnowledgeBase(db)
    assert kb.ask("Wann tagt die Jury?").hits[0].text == "Die Jury tagt am 28.11.2019 im Rathaus."
    fts_rows = db.conn.execute("SELECT count(*) FROM passage_fts").fetchone()[0]
    assert fts_rows == 1  # the old index rows are gone too


def test_bad_files_are_reported_and_the_rest_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "gut.txt").write_text("Die Fachstelle Integration wurde 2005 eingerichtet.\n")
    (folder / "leer.txt").write_text("   \n")
    (folder / "binaer.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    (folder / "kaputt.pdf").write_bytes(b"%PDF-1.4 truncated")
    # (A broken corpus.json stops its folder: tests/test_access.py.)
    db = open_db(tmp_path / "kb.db")
    results = {r.name: r for r in ingest_paths(db, [folder])}
    assert results["gut.txt"].status == "added"
    assert {n: r.status for n, r in results.items() if n != "gut.txt"} == {
        "leer.txt": "failed",
        "binaer.txt": "failed",
        "kaputt.pdf": "failed",
    }
    assert all(r.message for r in results.values() if r.status == "failed")
    assert [d.name for d in KnowledgeBase(db).documents()] == ["gut.txt"]


def test_a_document_that_fails_midway_leaves_the_stored_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    f = tmp_path / "protokoll.txt"
    f.write_text("Der Integrationspreis wird am 16.06.2020 verliehen.\n")
    db_path = tmp_path / "kb.db"
    db = open_db(db_path)
    ingest_paths(db, [f])
    before = passages_of(db_path, "protokoll.txt")

    def explode(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(ingest_module, "find_abbreviations", explode)  # fails after inserts
    f.write_text("Der Integrationspreis wird am 17.06.2021 verliehen.\n")
    (result,) = ingest_paths(db, [f])
    assert result.status == "failed"
    assert "disk full" in result.message
    assert passages_of(db_path, "protokoll.txt") == before
    assert db.conn.execute("SELECT count(*) FROM passage_fts").fetchone()[0] == 1


def test_a_batch_stored_together_falls_back_to_one_document_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch is written in one transaction; when one of its documents fails, the batch is
    rolled back and stored one document at a time: the others are stored, the failing one
    keeps its stored version, and nothing of it is left half written."""
    db_path = tmp_path / "kb.db"
    db = open_db(db_path)

    def doc(name: str, text: str) -> TextDocument:
        return TextDocument(name, text, DocumentMeta(title=name), sha256=text)

    ingest_texts(db, [doc("b", "Der Integrationspreis wird am 16.06.2020 verliehen.")])
    before = passages_of(db_path, "b")
    real = ingest_module.find_abbreviations

    def explode_on_b(text: str) -> object:
        if "2021" in text:
            raise RuntimeError("disk full")
        return real(text)

    monkeypatch.setattr(ingest_module, "find_abbreviations", explode_on_b)
    results = ingest_texts(
        db,
        [
            doc("a", "Das Kommunale Integrationszentrum berät Familien."),
            doc("b", "Der Integrationspreis wird am 17.06.2021 verliehen."),
            doc("c", "Der Kreistag tagt am 03.09.2020 im Kreishaus."),
        ],
    )
    assert [(r.name, r.status) for r in results] == [
        ("a", "added"),
        ("b", "failed"),
        ("c", "added"),
    ]
    assert "disk full" in results[1].message
    assert passages_of(db_path, "b") == before
    assert passages_of(db_path, "a")
    assert passages_of(db_path, "c")
    stored = db.conn.execute("SELECT count(*) FROM passages").fetchone()[0]
    assert db.conn.execute("SELECT count(*) FROM passage_fts").fetchone()[0] == stored


def test_remove_document(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Ein kurzer Satz über das Integrationszentrum.\n")
    db = open_db(tmp_path / "kb.db")
    ingest_paths(db, [f])
    assert ingest_module.remove_document(db, "a.txt")
    assert not ingest_module.remove_document(db, "a.txt")
    assert db.conn.execute("SELECT count(*) FROM passage_fts").fetchone()[0] == 0


def test_markdown_title_from_heading(tmp_path: Path) -> None:
    f = tmp_path / "x.md"
    f.write_text("# Niederschrift Integrationsrat\n\nDer Rat tagte am 01.02.2023 lange.\n")
    db = open_db(tmp_path / "kb.db")
    ingest_paths(db, [f])
    assert KnowledgeBase(db).documents()[0].title == "Niederschrift Integrationsrat"


def test_metadata_file_is_not_a_document(corpus_copy: Path, tmp_path: Path) -> None:
    db = open_db(tmp_path / "kb.db")
    names = {r.name for r in ingest_paths(db, [corpus_copy])}
    assert "corpus.json" not in names
    assert json.loads((corpus_copy / "corpus.json").read_text())["documents"].keys() == names
