"""KnowledgeBase: the one object the bot and the CLI talk to (no telegram, no clock)."""

from __future__ import annotations

import gc
import hashlib
import logging
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any, Generic, TypeVar

import sqlite_utils

from knowledge.analyze import known_abbreviations, text_terms
from knowledge.answer import (
    ANSWER_MIN_COVERAGE,
    SPEECH_REACH,
    TITLE_CREDIT,
    Answer,
    Hit,
    Source,
    asks_who_is,
    confidence_of,
    decide,
    in_reported_speech,
    names_speaker,
    pronoun_subject,
    rank,
    shortlist,
    title_terms,
)
from knowledge.bm25 import IndexStats
from knowledge.filetext import read_source_bytes
from knowledge.glossary import base_form
from knowledge.search import (
    Query,
    Vocabulary,
    analyse,
    candidates,
    coverage,
    fts_quote,
    load_vocabulary,
    match_expressions,
    neighbours,
    passages_before,
)
from knowledge.signatures import (
    Block,
    asks_signer,
    is_signer_word,
    is_subject_line,
    letters,
    referenced_paper,
)
from knowledge.store import generation

log = logging.getLogger(__name__)

MAX_QUESTION = 1000  # characters of a question that are read
SOURCE_CACHE = 20_000  # documents whose sources are kept between questions
T = TypeVar("T")
SIGNED_DOCUMENTS = 8  # documents of the front hits whose signature blocks a question may mean


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


class _Mentions(Mapping[str, frozenset[str]]):
    """Document name -> the given terms it contains anywhere, looked up on first use. A
    document's passages have consecutive ids, so FTS is asked within that rowid range."""

    def __init__(self, db: sqlite_utils.Database, terms: frozenset[str], *, internal: bool):
        self.db, self.terms, self.internal = db, terms, internal
        self._found: dict[str, frozenset[str]] = {}

    def __getitem__(self, name: str) -> frozenset[str]:
        if name not in self._found:
            self._found[name] = self._lookup(name)
        return self._found[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._found)

    def __len__(self) -> int:
        return len(self._found)

    def _lookup(self, name: str) -> frozenset[str]:
        row = self.db.conn.execute(
            "SELECT min(p.id), max(p.id) FROM passages p JOIN documents d ON d.id = p.doc_id "
            "WHERE d.name = ? AND (d.public = 1 OR ?)",
            (name, int(self.internal)),
        ).fetchone()
        if row is None or row[0] is None:
            return frozenset()
        found: set[str] = set()
        for term in sorted(self.terms):
            hit = self.db.conn.execute(
                "SELECT 1 FROM passage_fts WHERE passage_fts MATCH ? "
                "AND rowid BETWEEN ? AND ? LIMIT 1",
                ("terms:" + fts_quote(term), row[0], row[1]),
            ).fetchone()
            if hit is not None:
                found.add(term)
        return frozenset(found)


@dataclass(frozen=True)
class Preloaded:
    """What `KnowledgeBase.preload` reads off the event loop, for `install`."""

    vocab: Vocabulary
    public: Vocabulary | None  # None: every document is public
    stats: IndexStats  # bm25's term counts of the same generation, the common ones counted


# Abbreviations spelled out in at least this many passages get their long forms' head words
# counted ahead (Vocabulary.expansion_heads; tens of ms for "KI" in a large archive).
HEADS_AHEAD = 100

SETTLE_SIZE = 100_000  # words and terms of a vocabulary worth keeping out of full collections


def _settle(vocab: Vocabulary) -> None:
    """Keep a large vocabulary out of the garbage collector's full passes, which walk every
    object (at 1M passages about 90 ms each, several times per 1000 questions, taken by
    whichever question triggers one): what lives now is collected once, then frozen
    (gc.freeze). Unfrozen first, so that what a previous freeze held is collected too; frozen
    objects are still freed when no longer referenced (a replaced vocabulary is)."""
    if len(vocab.df) + len(vocab.words) < SETTLE_SIZE:
        return
    gc.unfreeze()
    gc.collect()
    gc.freeze()


class _RowCache(Generic[T]):
    """Columns of documents rows already read, for the index generation they were read in
    (every change to a document bumps it), at most SOURCE_CACHE documents."""

    def __init__(self, columns: str, make: Callable[[tuple[Any, ...]], T]) -> None:
        self.columns = columns
        self.make = make
        self.generation = -1
        self.rows: dict[int, T] = {}

    def read(self, db: sqlite_utils.Database, doc_ids: set[int]) -> dict[int, T]:
        """The rows of these documents, read from the database where not kept yet."""
        if not doc_ids:
            return {}
        gen = generation(db)
        if self.generation != gen:
            self.generation, self.rows = gen, {}
        missing = sorted(doc_ids - self.rows.keys())
        if len(self.rows) + len(missing) > SOURCE_CACHE:
            self.rows.clear()
            missing = sorted(doc_ids)
        if missing:
            marks = ",".join("?" * len(missing))
            found = db.conn.execute(
                f"SELECT id, {self.columns} FROM documents WHERE id IN ({marks})", missing
            )
            self.rows.update({r[0]: self.make(tuple(r[1:])) for r in found})
        return {d: self.rows[d] for d in sorted(doc_ids) if d in self.rows}


class KnowledgeBase:
    """Answers questions from the documents stored in one SQLite database."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self._vocab: Vocabulary | None = None
        self._public_vocab: Vocabulary | None = None
        # While a sync in another thread writes (every page is an ingest), questions keep the
        # vocabulary they have instead of reloading it after each page; the sync hands over
        # a fresh one at its end (preload/install).
        self.hold_vocabulary = False
        # Sources of documents already read, for the index generation they were read in
        # (every change to a document bumps it), without their reference and web page (as
        # `_outlines` reads them); those apart, for the documents of answers shown (`_links`).
        self._source_cache: _RowCache[Source] = _RowCache(
            "name, title, kind, year, date", lambda r: Source(*r)
        )
        self._link_cache: _RowCache[tuple[str | None, str | None]] = _RowCache(
            "reference, web", lambda r: (r[0], r[1])
        )
        # Passage counts of the terms asked about, for bm25 (knowledge.bm25), per generation.
        self._index_stats = IndexStats()

    def vocabulary(self, *, internal: bool = True) -> Vocabulary:
        """The index vocabulary, reloaded after every ingest. Without `internal` it is drawn
        from public documents only (typo corrections and abbreviations are shown to members);
        while every document is public both are one object."""
        gen = generation(self.db)
        stale = self._vocab is not None and self._vocab.generation != gen
        if self._vocab is None or (stale and not self.hold_vocabulary):
            self._vocab = load_vocabulary(self.db)
            self._public_vocab = None
            _settle(self._vocab)
        if internal:
            return self._vocab
        if self._public_vocab is None:
            hidden = self.db.conn.execute(
                "SELECT 1 FROM documents WHERE public = 0 LIMIT 1"
            ).fetchone()
            self._public_vocab = (
                load_vocabulary(self.db, public_only=True, df=self._vocab.df)
                if hidden
                else self._vocab
            )
            if hidden:
                _settle(self._public_vocab)
        return self._public_vocab

    @staticmethod
    def preload(db: sqlite_utils.Database) -> Preloaded:
        """The vocabularies (all documents; public ones only, or None when every document is
        public), read through `db`: another connection, e.g. in a worker thread after a sync,
        so the event loop never stalls on a reload. With them what the first questions would
        otherwise compute: bm25's counts of common terms (IndexStats.prime) and the head
        words of often spelled-out abbreviations. Hand them over with `install`."""
        db.conn.execute("BEGIN")  # one snapshot: the generation matches what was read
        try:
            vocab = load_vocabulary(db)
            hidden = db.conn.execute("SELECT 1 FROM documents WHERE public = 0 LIMIT 1").fetchone()
            public = load_vocabulary(db, public_only=True, df=vocab.df) if hidden else None
            stats = IndexStats()
            if stats.refresh(db):
                stats.prime(db, vocab.df)
        finally:
            db.conn.execute("COMMIT")
        for v in (vocab, public) if public else (vocab,):
            for term, forms in v.abbreviations.items():
                if len(forms) >= HEADS_AHEAD:
                    v.expansion_heads(term)
        return Preloaded(vocab, public, stats)

    def install(self, preloaded: Preloaded) -> bool:
        """Use what `preload` read when it is of the current generation (a newer ingest
        meanwhile: the next question reloads as before). True when installed."""
        vocab = preloaded.vocab
        if vocab.generation != generation(self.db):
            return False
        self._vocab = vocab
        self._public_vocab = preloaded.public or vocab
        if preloaded.stats.generation == vocab.generation:
            self._index_stats = preloaded.stats
        _settle(vocab)
        return True

    def analyse(self, question: str, *, internal: bool = False) -> Query:
        """The analysed form of a question (for diagnostics)."""
        return analyse(question[:MAX_QUESTION], self.vocabulary(internal=internal))

    def ask(self, question: str, *, top: int = 3, internal: bool = False) -> Answer:
        """Answer a question with up to `top` hits, or decline. Non-public documents count only
        with `internal` (staff)."""
        question = " ".join(question.replace("\x00", " ").split())[:MAX_QUESTION]
        vocab = self.vocabulary(internal=internal)
        query = analyse(question, vocab)
        found = candidates(
            self.db, match_expressions(query, vocab), internal=internal, stats=self._index_stats
        )
        cands = shortlist(query, found)
        near = neighbours(self.db, cands)
        # Ranked with the documents' outlines (rank and decide read no reference or web page:
        # a document's name tells it apart as well), the answers shown with their sources.
        outlines = self._outlines({c.doc_id for c in near.values()})
        defined = self._definitions(query, vocab)
        # "Welches Risiko sieht Herr Liermann …": what he said may run on past `near` (read
        # only behind candidates in reported speech, where that run may have begun).
        # "worüber war Ehmann besorgt": "Er zeigte sich besorgt, …" sentences after his name.
        speaks = names_speaker(question)
        speech = [
            c for c in cands if (in_reported_speech(c.text) and speaks) or pronoun_subject(c.text)
        ]
        before = passages_before(self.db, speech, near, SPEECH_REACH) if speech else None
        hits = rank(query, cands, near, outlines, defined, before)
        if asks_signer(question):
            if (signed := self._signed(query, hits)) is not None:
                return self._with_sources(signed, outlines)
            # No letter of theirs here: a subject line naming the paper ("hier; Antrag der
            # SPD-Fraktion vom 01. Juli 2013") says nothing of who signed it.
            hits = [h for h in hits if not is_subject_line(h.full_text)]
        answer = decide(query, hits, self._mentions(query, hits[:8], internal=internal))
        if (
            not answer.answered
            and asks_who_is(question)
            and (signed := self._signed(query, hits, by_name=True)) is not None
        ):
            # "wer ist Dr. Kuhnert": a name found only under a paper, as its signer
            return self._with_sources(signed, outlines)
        return self._with_sources(
            Answer(
                answer.question,
                answer.qtype,
                answer.answered,
                answer.hits[: max(1, top)],
                answer.confidence,
                answer.as_of,
                answer.corrections,
            ),
            outlines,
        )

    def _with_sources(self, answer: Answer, outlines: Mapping[int, Source]) -> Answer:
        """The answer with the full sources of its hits (their outlines from `_outlines`)."""
        ids = {outline.name: doc_id for doc_id, outline in outlines.items()}
        sources = self._sources({ids[h.source.name] for h in answer.hits})
        return replace(
            answer,
            hits=tuple(replace(h, source=sources[ids[h.source.name]]) for h in answer.hits),
        )

    def _signed(self, query: Query, hits: list[Hit], *, by_name: bool = False) -> Answer | None:
        """ "Wer hat den Antrag unterzeichnet?": the signers of the letter, among the front
        hits' documents (which the asker may read), that covers most of the rest of the
        question; None when no letter covers enough of it (then it is answered as any other).
        `by_name` ("wer ist Dr. Kuhnert"): the letter whose signature covers the question."""
        rest = replace(
            query, concepts=tuple(c for c in query.concepts if not is_signer_word(c.label))
        )
        if not rest.concepts or (len(rest.concepts) == len(query.concepts) and not by_name):
            return None
        # One passage of each of the first SIGNED_DOCUMENTS documents among the hits.
        docs: dict[str, tuple[int, Source]] = {}
        for h in hits:
            if h.passage_ids and len(docs) < SIGNED_DOCUMENTS:
                docs.setdefault(h.source.name, (h.passage_ids[0], h.source))
        best: tuple[float, Hit] | None = None
        for pid, source in docs.values():
            rows = self.db.conn.execute(
                "SELECT id, kind, text, terms FROM passages WHERE doc_id = "
                "(SELECT doc_id FROM passages WHERE id = ?) ORDER BY ord",
                (pid,),
            )
            blocks = [
                Block(r[0], r[2], frozenset(r[3].split()), r[1] == "boilerplate") for r in rows
            ]
            title = title_terms(source.title, every=True)
            for letter in letters(blocks):
                if by_name:  # the signers and their role, not what the letter says
                    signed = letter.signature
                    credits = dict.fromkeys(text_terms(" ".join((*signed.names, signed.role))), 1.0)
                else:
                    # (not the words of the paper it answers: "hier; Antrag der SPD-Fraktion vom
                    # 01. Juli 2013" was signed by others)
                    referred = frozenset(text_terms(referenced_paper(letter.subject)))
                    credits = dict.fromkeys(title, TITLE_CREDIT) | dict.fromkeys(
                        letter.terms - referred, 1.0
                    )
                cov = coverage(rest, credits)
                if cov >= ANSWER_MIN_COVERAGE and (best is None or cov > best[0]):
                    line = letter.line()
                    best = (cov, Hit(line, source, cov, cov, (letter.pid,), line, quoted=False))
        if best is None:
            return None
        cov, hit = best
        # One topic word ("wer hat das Integrationskonzept unterschrieben") may name what a
        # letter is about rather than the letter: never more than "unsicher" then.
        # (a name asked for by itself, "wer ist Dr. Kuhnert", is the signer's own)
        confidence = "low" if len(rest.concepts) < 2 and not by_name else confidence_of(cov)
        return Answer(query.text, "person", True, (hit,), confidence, None, query.corrections)

    def _mentions(
        self, query: Query, hits: list[Hit], *, internal: bool
    ) -> Mapping[str, frozenset[str]]:
        """For the documents of the front hits: which of the question's terms each contains
        anywhere. Computed only for the documents asked about (rarely any), each with one
        FTS query limited to that document's passage ids."""
        terms = frozenset(t for c in query.concepts for t in c.terms())
        if not terms or len(hits) < 2:
            return {}
        return _Mentions(self.db, terms, internal=internal)

    def _definitions(self, query: Query, vocab: Vocabulary) -> set[int]:
        """Passages that define an abbreviation the question is about."""
        return {
            pid
            for term in query.abbreviations
            for _abbr, _long, pid in vocab.abbreviations.get(term, [])
            if pid is not None
        }

    def _outlines(self, doc_ids: set[int]) -> dict[int, Source]:
        """The documents' sources without their reference and web page. Those two columns
        stand after the texts in a documents row (added later): reading them walks the
        texts' overflow pages (about 2 ms a document in a large archive, against 15 µs)."""
        return self._source_cache.read(self.db, doc_ids)

    def _sources(self, doc_ids: set[int]) -> dict[int, Source]:
        """The documents' sources, with their reference and web page."""
        outlines = self._outlines(doc_ids)
        links = self._link_cache.read(self.db, set(outlines))
        return {
            d: replace(outline, reference=links[d][0], web=links[d][1])
            for d, outline in outlines.items()
            if d in links
        }

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
            # Shown in its base form: "Kommunales Integrationszentrum", not the genitive the
            # definition stood in ("… des Kommunalen Integrationszentrums (nachfolgend: KI)").
            entries.setdefault(abbr, GlossaryEntry(abbr, base_form(expansion), name))
        vocab = self.vocabulary(internal=internal)
        for abbr, expansion in known_abbreviations().items():
            term = abbr.lower().replace("'", "").replace("’", "").rstrip(".")
            if abbr not in entries and self._uses(vocab, term, internal=internal):
                entries[abbr] = GlossaryEntry(abbr, expansion, None)
        return sorted(entries.values(), key=lambda e: e.abbr.lower())

    def _uses(self, vocab: Vocabulary, term: str, *, internal: bool) -> bool:
        """Whether the documents the asker may read use an index term. Passage frequencies
        count internal papers too, so for members with internal papers stored the index is
        asked which documents hold it."""
        if term in vocab.words:
            return True
        if not vocab.has(term):
            return False
        if internal or vocab is self._vocab:
            return True
        row = self.db.conn.execute(
            "SELECT 1 FROM passage_fts f JOIN passages p ON p.id = f.rowid "
            "JOIN documents d ON d.id = p.doc_id "
            "WHERE passage_fts MATCH ? AND d.public = 1 LIMIT 1",
            ("terms:" + fts_quote(term),),
        ).fetchone()
        return row is not None

    def passage(self, passage_id: int, *, internal: bool = False) -> PassageView | None:
        """A passage with the passages around it, or None when it is gone or not allowed."""
        row = self.db.conn.execute(
            "SELECT p.id, p.doc_id, p.ord, p.text FROM passages p JOIN documents d "
            "ON d.id = p.doc_id WHERE p.id = ? AND (d.public = 1 OR ?)",
            (passage_id, int(internal)),
        ).fetchone()
        if row is None:
            return None
        # The document's own text: not the sentence said of a paper's form fields, whose
        # fields stand there as written.
        around = self.db.conn.execute(
            "SELECT text FROM passages WHERE doc_id = ? AND ord BETWEEN ? AND ? "
            "AND kind != 'facts' ORDER BY ord",
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
        """A document as a file: the bytes that were ingested (the original file when it is
        still where it was read from and unchanged, checked by its hash), else its text as
        ingested; None when it is gone or not allowed. A file changed on disk since the
        ingest is never sent: its new content may not be what was marked public."""
        row = self.db.conn.execute(
            "SELECT name, path, original, sha256 FROM documents WHERE id = ? AND (public = 1 OR ?)",
            (doc_id, int(internal)),
        ).fetchone()
        if row is None:
            return None
        name, path, original, sha256 = row
        source = self._sources({doc_id})[doc_id]
        content = read_source_bytes(path) if path else None
        name = name.rsplit("/", 1)[-1]  # "2020/niederschrift.txt" -> "niederschrift.txt"
        if content is not None and hashlib.sha256(content).hexdigest() == sha256:
            return source, name, content
        stem = name.rsplit(".", 1)[0] if "." in name else name
        return source, f"{stem}.txt", original.encode("utf-8")

    def document_sentences(self, name: str) -> tuple[int | None, list[str]] | None:
        """A document's year and its passages' texts in order (for finding appointments; not
        the sentence of a paper's form fields, whose Beratungsfolge the document's text gives)."""
        row = self.db.conn.execute(
            "SELECT id, year FROM documents WHERE name = ?", (name,)
        ).fetchone()
        if row is None:
            return None
        texts = [
            r[0]
            for r in self.db.conn.execute(
                "SELECT text FROM passages WHERE doc_id = ? AND kind != 'facts' ORDER BY ord",
                (row[0],),
            )
        ]
        return row[1], texts

    def document_text(self, name: str) -> tuple[str | None, str] | None:
        """A document's date (ISO, when known) and its repaired text with its line breaks (for
        tables such as a Vorlage's Beratungsfolge, whose rows may be no passages)."""
        row = self.db.conn.execute(
            "SELECT date, repaired FROM documents WHERE name = ?", (name,)
        ).fetchone()
        return None if row is None else (row[0], row[1])
