"""KnowledgeBase: the one object the bot and the CLI talk to (no telegram, no clock)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import sqlite_utils

from knowledge.analyze import known_abbreviations
from knowledge.answer import Answer, Source, decide, rank, shortlist
from knowledge.filetext import read_source_bytes
from knowledge.search import (
    Query,
    Vocabulary,
    analyse,
    candidates,
    load_vocabulary,
    match_expressions,
    neighbours,
)
from knowledge.store import generation

log = logging.getLogger(__name__)

MAX_QUESTION = 1000  # characters of a question that are read


@dataclass(frozen=True)
class DocumentInfo:
    """A stored document as listed to users."""

    name: str
    title: str
    kind: str | None
    year: int | None
    date: str | None
    passages: int


@dataclass(frozen=True)
class GlossaryEntry:
    """An abbreviation and what it stands for, with where that is said."""

    abbr: str
    expansion: str
    document: str | None  # None: from the built-in list of council abbreviations


@dataclass(frozen=True)
class PassageView:
    """A passage with its paragraph context, for "show the whole passage"."""

    passage_id: int
    text: str
    context: str
    source: Source


class KnowledgeBase:
    """Answers questions from the documents stored in one SQLite database."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self._vocab: Vocabulary | None = None

    def vocabulary(self) -> Vocabulary:
        """The index vocabulary, reloaded after every ingest."""
        gen = generation(self.db)
        if self._vocab is None or self._vocab.generation != gen:
            self._vocab = load_vocabulary(self.db)
        return self._vocab

    def analyse(self, question: str) -> Query:
        """The analysed form of a question (for diagnostics)."""
        return analyse(question[:MAX_QUESTION], self.vocabulary())

    def ask(self, question: str, *, top: int = 3, internal: bool = False) -> Answer:
        """Answer a question with up to `top` hits, or decline. Non-public documents count only
        with `internal` (staff)."""
        question = " ".join(question.replace("\x00", " ").split())[:MAX_QUESTION]
        vocab = self.vocabulary()
        query = analyse(question, vocab)
        found = candidates(self.db, match_expressions(query, vocab), internal=internal)
        cands = shortlist(query, found)
        near = neighbours(self.db, cands)
        sources = self._sources({c.doc_id for c in near.values()})
        defined = self._definitions(query)
        hits = rank(query, cands, near, sources, defined)
        answer = decide(query, hits)
        return Answer(
            answer.question,
            answer.qtype,
            answer.answered,
            answer.hits[: max(1, top)],
            answer.confidence,
            answer.as_of,
            answer.corrections,
        )

    def _definitions(self, query: Query) -> set[int]:
        """Passages that define an abbreviation the question is about."""
        vocab = self.vocabulary()
        return {
            pid
            for term in query.abbreviations
            for _abbr, _long, pid in vocab.abbreviations.get(term, [])
            if pid is not None
        }

    def _sources(self, doc_ids: set[int]) -> dict[int, Source]:
        if not doc_ids:
            return {}
        marks = ",".join("?" * len(doc_ids))
        rows = self.db.conn.execute(
            f"SELECT id, name, title, kind, year, date FROM documents WHERE id IN ({marks})",
            sorted(doc_ids),
        )
        return {r[0]: Source(r[1], r[2], r[3], r[4], r[5]) for r in rows}

    def documents(self, *, internal: bool = False) -> list[DocumentInfo]:
        """Stored documents (public ones unless `internal`), newest year first."""
        rows = self.db.conn.execute(
            "SELECT d.name, d.title, d.kind, d.year, d.date, count(p.id) FROM documents d "
            "LEFT JOIN passages p ON p.doc_id = d.id WHERE d.public = 1 OR ? GROUP BY d.id "
            "ORDER BY d.year IS NULL, d.year DESC, d.title",
            (int(internal),),
        )
        return [DocumentInfo(*r) for r in rows]

    def glossary(self, *, internal: bool = False) -> list[GlossaryEntry]:
        """Abbreviations found in the documents (defined there, or known council usage)."""
        entries: dict[str, GlossaryEntry] = {}
        for abbr, expansion, name in self.db.conn.execute(
            "SELECT a.abbr, a.expansion, d.name FROM abbreviations a "
            "JOIN documents d ON d.id = a.doc_id WHERE d.public = 1 OR ? ORDER BY d.year DESC",
            (int(internal),),
        ):
            entries.setdefault(abbr, GlossaryEntry(abbr, expansion, name))
        vocab = self.vocabulary()
        for abbr, expansion in known_abbreviations().items():
            term = abbr.lower().replace("'", "").replace("’", "").rstrip(".")
            if abbr not in entries and (vocab.has(term) or term in vocab.words):
                entries[abbr] = GlossaryEntry(abbr, expansion, None)
        return sorted(entries.values(), key=lambda e: e.abbr.lower())

    def passage(self, passage_id: int, *, internal: bool = False) -> PassageView | None:
        """A passage with the passages around it, or None when it is gone or not allowed."""
        row = self.db.conn.execute(
            "SELECT p.id, p.doc_id, p.ord, p.text FROM passages p JOIN documents d "
            "ON d.id = p.doc_id WHERE p.id = ? AND (d.public = 1 OR ?)",
            (passage_id, int(internal)),
        ).fetchone()
        if row is None:
            return None
        around = self.db.conn.execute(
            "SELECT text FROM passages WHERE doc_id = ? AND ord BETWEEN ? AND ? ORDER BY ord",
            (row[1], row[2] - 2, row[2] + 2),
        ).fetchall()
        source = self._sources({row[1]})[row[1]]
        return PassageView(row[0], row[3], " ".join(r[0] for r in around), source)

    def passage_document(self, passage_id: int) -> int | None:
        """The id of the document a passage belongs to."""
        row = self.db.conn.execute(
            "SELECT doc_id FROM passages WHERE id = ?", (passage_id,)
        ).fetchone()
        return int(row[0]) if row else None

    def document_file(
        self, doc_id: int, *, internal: bool = False
    ) -> tuple[Source, str, bytes] | None:
        """A document as a file: the original when it is still where it was ingested from,
        else its text; None when it is gone or not allowed."""
        row = self.db.conn.execute(
            "SELECT name, path, original FROM documents WHERE id = ? AND (public = 1 OR ?)",
            (doc_id, int(internal)),
        ).fetchone()
        if row is None:
            return None
        name, path, original = row
        source = self._sources({doc_id})[doc_id]
        content = read_source_bytes(path) if path else None
        if content is not None:
            return source, name, content
        stem = name.rsplit(".", 1)[0] if "." in name else name
        return source, f"{stem}.txt", original.encode("utf-8")

    def document_sentences(self, name: str) -> tuple[int | None, list[str]] | None:
        """A document's year and its passages' texts in order (for finding appointments)."""
        row = self.db.conn.execute(
            "SELECT id, year FROM documents WHERE name = ?", (name,)
        ).fetchone()
        if row is None:
            return None
        texts = [
            r[0]
            for r in self.db.conn.execute(
                "SELECT text FROM passages WHERE doc_id = ? ORDER BY ord", (row[0],)
            )
        ]
        return row[1], texts
