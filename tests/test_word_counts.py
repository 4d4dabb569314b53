"""word_counts (knowledge.store.WORD_COUNTS) stays what doc_words says: after documents are
added, replaced and removed, and after the migration of a database that had none; the lexicon
and the vocabulary read from it are those read from doc_words."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from bot import database
from knowledge import ingest, store
from knowledge.ingest import DocumentMeta, TextDocument, ingest_texts, load_lexicon, remove_document
from knowledge.search import load_vocabulary

RELEASE = Path(__file__).parent / "data" / "release-0.1.0.db"
TEXTS = [
    "Der Integrationsausschuss berät die Sprachkurse der Volkshochschule. Die Kosten von "
    "18.000 Euro trägt der Kreis; die Sprachkurse beginnen im April.",
    "Die Ehrenamtskoordination meldet 312 Ehrenamtliche in der Flüchtlingshilfe und neue "
    "Sprachpatenschaften im Kreisgebiet.",
    "Der Kreistag beschließt den Haushalt. Die Volkshochschule erhält Landesmittel für "
    "Integrationskurse und Sprachpatenschaften.",
]


def doc(name: str, text: str) -> TextDocument:
    return TextDocument(name, text, DocumentMeta(name), hashlib.sha256(text.encode()).hexdigest())


def counted(db: object) -> list[tuple[str, int, int]]:
    conn = db.conn  # type: ignore[attr-defined]
    return conn.execute(
        "SELECT word, count(*), sum(n) FROM doc_words GROUP BY word ORDER BY word"
    ).fetchall()


def kept(db: object) -> list[tuple[str, int, int]]:
    conn = db.conn  # type: ignore[attr-defined]
    return conn.execute("SELECT word, docs, n FROM word_counts ORDER BY word").fetchall()


def test_counts_follow_added_replaced_and_removed_documents(tmp_path: Path) -> None:
    db = database.open_db(tmp_path / "g.db")
    assert store.has_word_counts(db.conn)
    ingest_texts(db, [doc(f"d{i}", t) for i, t in enumerate(TEXTS)])
    assert kept(db) == counted(db) != []
    ingest_texts(db, [doc("d0", TEXTS[0] + " Neu: Dolmetscherpool für Elterngespräche.")])
    assert kept(db) == counted(db)
    assert remove_document(db, "d1")
    assert kept(db) == counted(db)
    assert not any(w == "ehrenamtskoordination" for w, _, _ in kept(db))  # only d1 had it
    # What reads the counts reads what doc_words holds.
    plain = store.open_db(None)  # no word_counts: doc_words is read as before
    assert not store.has_word_counts(plain.conn)
    for name, text in db.conn.execute("SELECT name, original FROM documents ORDER BY id"):
        ingest_texts(plain, [doc(name, text)])
    assert load_lexicon(db)._words == load_lexicon(plain)._words
    assert list(load_vocabulary(db).words.items()) == list(load_vocabulary(plain).words.items())


def test_documents_not_yet_counted_are_read_and_removed_exactly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sync killed after storing documents but before counting them (fold_word_counts)."""
    db = database.open_db(tmp_path / "g.db")
    ingest_texts(db, [doc("d0", TEXTS[0])])
    with monkeypatch.context() as m:
        m.setattr(ingest, "fold_word_counts", lambda conn: None)
        ingest_texts(db, [doc("d1", TEXTS[1]), doc("d2", TEXTS[2])])
    assert db.conn.execute("SELECT count(*) FROM word_counts_pending").fetchone()[0] == 2
    whole = [(w, n) for w, _, n in counted(db)]
    assert store.document_words(db.conn) == whole
    assert remove_document(db, "d1")  # pending: it only leaves the pending list
    assert remove_document(db, "d0")  # counted: its words are subtracted
    assert store.document_words(db.conn) == [(w, n) for w, _, n in counted(db)]
    store.fold_word_counts(db.conn)
    assert kept(db) == counted(db) != []
    assert db.conn.execute("SELECT count(*) FROM word_counts_pending").fetchone()[0] == 0


def test_the_migration_counts_what_is_stored(tmp_path: Path) -> None:
    path = tmp_path / "gremienbot.db"
    shutil.copy(RELEASE, path)
    db = database.open_db(path)
    assert kept(db) == counted(db) != []
