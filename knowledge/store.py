"""Schema and migrations of the knowledge base (SQLite through sqlite-utils)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import sqlite_utils

# The knowledge base's tables are the first steps of the database's schema version (PRAGMA
# user_version). The whole database (calendar, bot tables) is versioned in bot/database.py,
# whose steps continue after these; a later change to these tables is a step there.
SCHEMA_VERSION = 4

# A step is SQL statements, or a function that changes the schema through the connection
# (without committing: the step's transaction is the caller's).
Step = Sequence[str | Callable[[sqlite3.Connection], None]]

# Index terms are produced by knowledge.analyze; the tokenizer only has to keep them whole,
# so numbers such as 1.000, 1,5, 03.09.2020 and 1:337 stay one token.
FTS_TOKENIZE = "unicode61 remove_diacritics 0 tokenchars '.,:'"

_MIGRATIONS: dict[int, Step] = {
    1: [
        """CREATE TABLE IF NOT EXISTS documents (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,      -- source file name, the public id of a document
            path TEXT,
            title TEXT NOT NULL,
            kind TEXT,
            year INTEGER,
            date TEXT,                      -- ISO date when known
            sha256 TEXT NOT NULL,
            original TEXT NOT NULL,         -- text as extracted, never changed
            repaired TEXT NOT NULL,         -- text after knowledge.repair, quoted in answers
            ingested_at TEXT NOT NULL
        )""",
        """CREATE TABLE IF NOT EXISTS passages (
            id INTEGER PRIMARY KEY,
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            ord INTEGER NOT NULL,
            kind TEXT NOT NULL,
            text TEXT NOT NULL,
            heading TEXT NOT NULL DEFAULT '',
            terms TEXT NOT NULL,            -- index terms of the passage's own words
            lead_terms TEXT NOT NULL DEFAULT ''  -- of its table header or list lead-in
        )""",
        "CREATE UNIQUE INDEX IF NOT EXISTS passages_doc_ord ON passages(doc_id, ord)",
        f"""CREATE VIRTUAL TABLE IF NOT EXISTS passage_fts USING fts5(
            terms, context, tokenize = "{FTS_TOKENIZE}"
        )""",
        "CREATE VIRTUAL TABLE IF NOT EXISTS passage_vocab USING fts5vocab(passage_fts, 'row')",
        """CREATE TABLE IF NOT EXISTS doc_words (
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            word TEXT NOT NULL,             -- folded surface word, for typo correction
            n INTEGER NOT NULL,
            PRIMARY KEY (doc_id, word)
        ) WITHOUT ROWID""",
        """CREATE TABLE IF NOT EXISTS abbreviations (
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            abbr TEXT NOT NULL,             -- as written: KI, LaKI, VA'e
            term TEXT NOT NULL,             -- index term: ki, laki, vae
            expansion TEXT NOT NULL,
            passage_id INTEGER
        )""",
        "CREATE INDEX IF NOT EXISTS abbreviations_term ON abbreviations(term)",
        "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    ],
    2: [
        # Non-public documents (nichtöffentliche Vorlagen) answer only staff.
        "ALTER TABLE documents ADD COLUMN public INTEGER NOT NULL DEFAULT 1",
    ],
    3: [
        # The version of repair and passage splitting a document was stored with
        # (knowledge.ingest.PIPELINE): older ones are rebuilt on the next ingest.
        "ALTER TABLE documents ADD COLUMN pipeline INTEGER NOT NULL DEFAULT 0",
    ],
    4: [
        # Documents from the council information system (OParl): the paper's reference
        # ("1234/2014") and its page there, named in answers.
        "ALTER TABLE documents ADD COLUMN reference TEXT",
        "ALTER TABLE documents ADD COLUMN web TEXT",
    ],
}


KNOWLEDGE_STEPS: Mapping[int, Step] = _MIGRATIONS

# Every word of doc_words counted over all documents (a step of bot/database.py: the knowledge
# steps end at 4). The compound lexicon (every distinct word) and the vocabulary's word counts
# (sum of n per word) read it instead of walking doc_words, which grows with every document: at
# 2,000 papers `SELECT DISTINCT word FROM doc_words` read 3.6 million rows (2-3 s) for 34,000
# words at the start of every sync, and the vocabulary's GROUP BY as much after it.
# A stored document is counted in batches, not on its own: its id goes to word_counts_pending
# in its transaction, and fold_word_counts adds the words of all pending documents in one
# statement (counting each document alone cost about 16 ms, 1,800 upserts; grouped, the
# words the documents share are written once). Readers add what is pending, so the counts
# are exact at every moment, also after a sync killed before it folded.
WORD_COUNTS: Step = [
    """CREATE TABLE IF NOT EXISTS word_counts (
        word TEXT PRIMARY KEY,          -- a folded surface word of doc_words
        docs INTEGER NOT NULL,          -- documents that have it (> 0: a row goes at 0)
        n INTEGER NOT NULL              -- its occurrences in them: sum(doc_words.n)
    ) WITHOUT ROWID""",
    """CREATE TABLE IF NOT EXISTS word_counts_pending (
        doc_id INTEGER PRIMARY KEY      -- a document whose doc_words are not counted yet
    )""",
    "INSERT INTO word_counts(word, docs, n) "
    "SELECT word, count(*), sum(n) FROM doc_words GROUP BY word",
]


def open_db(path: Path | str | None) -> sqlite_utils.Database:
    """Open (and create or migrate) the database at `path`; None gives an in-memory one."""
    if path is None:
        db = sqlite_utils.Database(memory=True)
    else:
        p = Path(path)
        p.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite_utils.Database(p)
        db.enable_wal()
        # WAL + NORMAL: a killed process loses nothing committed (only a power cut could).
        db.conn.execute("PRAGMA synchronous = NORMAL")
    db.conn.execute("PRAGMA foreign_keys = ON")
    db.conn.execute("PRAGMA busy_timeout = 5000")
    db.conn.execute("PRAGMA cache_size = -32000")  # 32 MB of pages: the index stays warm
    migrate(db)
    return db


def schema_version(conn: sqlite3.Connection) -> int:
    """The database's schema version (PRAGMA user_version; 0 for a new file)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: sqlite_utils.Database, steps: Mapping[int, Step] = _MIGRATIONS) -> None:
    """Run the steps above the database's version in order, each in its own transaction
    together with the new version number: a step that fails leaves the database as it was
    before that step. BEGIN IMMEDIATE takes the write lock first, so two processes starting
    at once never run a step twice (the second finds the version already raised)."""
    conn = db.conn
    for target in sorted(steps):
        if target <= schema_version(conn):
            continue
        conn.execute("BEGIN IMMEDIATE")  # sqlite3 would run DDL outside any transaction
        try:
            if schema_version(conn) < target:
                for statement in steps[target]:
                    if isinstance(statement, str):
                        conn.execute(statement)
                    else:
                        statement(conn)
                conn.execute(f"PRAGMA user_version = {int(target)}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def has_word_counts(conn: sqlite3.Connection) -> bool:
    """Whether the database keeps word_counts (a database opened only through this module's
    open_db, without bot/database.py's steps, does not: then doc_words is read as before)."""
    return (
        conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'word_counts'"
        ).fetchone()
        is not None
    )


def count_words_later(conn: sqlite3.Connection, doc_id: int | None) -> None:
    """Mark a document whose doc_words rows were just inserted as not yet counted (inside
    the caller's transaction; nothing without word_counts). fold_word_counts counts it."""
    if has_word_counts(conn):
        conn.execute("INSERT OR IGNORE INTO word_counts_pending(doc_id) VALUES (?)", (doc_id,))


def fold_word_counts(conn: sqlite3.Connection) -> None:
    """Add the words of every pending document to word_counts, in one transaction: a
    stored batch (a page of a sync, a folder) is counted with one grouped statement."""
    if not has_word_counts(conn) or not _pending(conn):
        return
    with conn:
        conn.execute(
            "INSERT INTO word_counts(word, docs, n) SELECT word, count(*), sum(n) "
            "FROM doc_words WHERE doc_id IN (SELECT doc_id FROM word_counts_pending) "
            "GROUP BY word ORDER BY word "
            "ON CONFLICT(word) DO UPDATE SET docs = docs + excluded.docs, n = n + excluded.n"
        )
        conn.execute("DELETE FROM word_counts_pending")


def uncount_words(conn: sqlite3.Connection, doc_id: int) -> None:
    """Take a document's doc_words rows, about to be deleted, out of the counts (inside the
    caller's transaction): a pending one only leaves the pending list; the words of a counted
    one are subtracted, and words no document has any more leave word_counts."""
    if not has_word_counts(conn):
        return
    if conn.execute("DELETE FROM word_counts_pending WHERE doc_id = ?", (doc_id,)).rowcount:
        return
    conn.execute(
        "UPDATE word_counts SET docs = docs - 1, n = n - (SELECT w.n FROM doc_words w "
        "WHERE w.doc_id = ?1 AND w.word = word_counts.word) "
        "WHERE word IN (SELECT word FROM doc_words WHERE doc_id = ?1)",
        (doc_id,),
    )
    conn.execute(
        "DELETE FROM word_counts WHERE docs = 0 "
        "AND word IN (SELECT word FROM doc_words WHERE doc_id = ?)",
        (doc_id,),
    )


def _pending(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM word_counts_pending LIMIT 1").fetchone() is not None


def document_words(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """(word, occurrences over all documents) for every word of doc_words, in word order:
    from word_counts (with the pending documents' words added) where it is kept, else counted
    from doc_words (the same rows)."""
    if not has_word_counts(conn):
        return conn.execute(
            "SELECT word, sum(n) FROM doc_words GROUP BY word ORDER BY word"
        ).fetchall()
    if not _pending(conn):
        return conn.execute("SELECT word, n FROM word_counts ORDER BY word").fetchall()
    return conn.execute(
        "SELECT word, sum(n) FROM (SELECT word, n FROM word_counts UNION ALL "
        "SELECT word, n FROM doc_words WHERE doc_id IN (SELECT doc_id FROM word_counts_pending)) "
        "GROUP BY word ORDER BY word"
    ).fetchall()


def generation(db: sqlite_utils.Database) -> int:
    """A number that changes whenever documents are added, replaced or removed."""
    row = db.conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
    return int(row[0]) if row else 0


def bump_generation(conn: sqlite3.Connection) -> None:
    """Mark the index as changed (inside the caller's transaction)."""
    conn.execute(
        "INSERT INTO meta(key, value) VALUES ('generation', '1') "
        "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
    )
