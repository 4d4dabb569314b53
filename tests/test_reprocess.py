"""Existing databases get better repair and passages (issue 10): a document stored by an older
version of the pipeline is rebuilt on the next ingest, even when its file did not change."""

from __future__ import annotations

import shutil
from pathlib import Path

from knowledge.ingest import PIPELINE, ingest_paths
from knowledge.store import _MIGRATIONS, SCHEMA_VERSION, open_db
from tests.conftest import demo_corpus_dir

OCR_FILE = "2013-integrationskonzept-und-kiz-antrag.txt"


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(demo_corpus_dir() / OCR_FILE, folder / OCR_FILE)
    return folder


def test_a_document_of_an_older_pipeline_is_rebuilt(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    db = open_db(tmp_path / "kb.db")
    assert [r.status for r in ingest_paths(db, [folder])] == ["added"]
    assert db.conn.execute("SELECT pipeline FROM documents").fetchone()[0] == PIPELINE
    # As an older version stored it: no boilerplate passages, an older pipeline number.
    with db.conn:
        db.conn.execute("UPDATE passages SET kind = 'sentence'")
        db.conn.execute("UPDATE documents SET pipeline = ?", (PIPELINE - 1,))
    assert [r.status for r in ingest_paths(db, [folder])] == ["updated"]
    kinds = {row[0] for row in db.conn.execute("SELECT kind FROM passages")}
    assert "boilerplate" in kinds
    assert [r.status for r in ingest_paths(db, [folder])] == ["unchanged"]


def test_a_database_of_schema_2_is_migrated_and_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = open_db(None)  # build the version-2 schema by hand in a file
    old.conn.close()
    import sqlite3

    conn = sqlite3.connect(path)
    for version in (1, 2):
        for statement in _MIGRATIONS[version]:
            conn.execute(statement)
    conn.execute(
        "INSERT INTO documents(name, path, title, sha256, original, repaired, ingested_at) "
        "VALUES (?, '', 't', 'x', '', '', '2024-01-01')",
        (OCR_FILE,),
    )
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    db = open_db(path)
    assert db.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.conn.execute("SELECT pipeline FROM documents").fetchone()[0] == 0
    assert [r.status for r in ingest_paths(db, [corpus(tmp_path)])] == ["updated"]
    assert db.conn.execute("SELECT pipeline FROM documents").fetchone()[0] == PIPELINE
