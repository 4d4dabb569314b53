"""Alerts on new documents: keywords per chat, and which subscribers hear of a new document.

A document is new when its id is above the high-water mark in `alert_state`; whoever stored
it (the CLI in another process, an upload in Telegram, the OParl sync) does not matter, since
the running bot reads the database. `queue_alerts` finds the new documents and queues one
alert per subscriber and document in the same transaction that advances the mark, so a
restart (or a second call) queues nothing twice; the outbox key names chat and document.

Matching uses the index terms stored per passage (knowledge.analyze: Snowball stems with
umlauts folded, compound and hyphen parts beside the whole word), so "Kita" finds "Kitas",
"Kita-Ausbau" and, when the lexicon splits it, "Kitaplätze"; "Muell" finds "Müll".

Committee topics: a document concerns a committee when the OParl sync recorded that the
committee consults it (the paper's Consultations, table document_committees), when a session
of that committee has an agenda item with the document's title, or when its text names the
committee (the committee's terms in a row, e.g. "Integrationsrat", "Ausschuss für Soziales":
minutes and papers fed in by hand or uploaded carry no consultations).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import sqlite_utils

from knowledge.analyze import stopwords, text_terms, token_terms, tokenize
from scheduler import outbox
from scheduler import quiet as qt
from scheduler import subscriptions as subs

SCHEMA = [
    """CREATE TABLE IF NOT EXISTS keywords (
        id INTEGER PRIMARY KEY,
        chat_id INTEGER NOT NULL,
        word TEXT NOT NULL,              -- as the member wrote it (cleaned)
        terms TEXT NOT NULL,             -- its index terms, space separated
        created_at TEXT NOT NULL,
        UNIQUE (chat_id, terms)
    )""",
    "CREATE INDEX IF NOT EXISTS keywords_chat ON keywords(chat_id)",
    """CREATE TABLE IF NOT EXISTS alert_state (
        key TEXT PRIMARY KEY,
        value INTEGER NOT NULL           -- 'documents': the highest document id looked at
    )""",
]
# Set at the migration that brings alerts: documents stored before are old news.
INIT_MARK = (
    "INSERT OR IGNORE INTO alert_state(key, value) "
    "SELECT 'documents', coalesce(max(id), 0) FROM documents"
)
MARK = "documents"
BATCH = 100  # new documents looked at per call (the rest at the next one)
MAX_KEYWORDS = 20  # per chat
MAX_WORD = 40  # characters of a keyword
MAX_WORDS = 3  # words of a keyword ("Offener Ganztag")
MAX_SENTENCE = 280  # characters of the quoted sentence
MIN_PASSAGE = 80  # a matching passage this long is quoted before a shorter one (a heading)
# Endings the stemmer leaves on (Kita/Kitas, Bus/Busse): a term matches the keyword's term
# with one of these added.
_ENDINGS = ("s", "n", "e", "en", "er", "es", "ern", "se", "sen")
_SENTENCE_RE = re.compile(r"(?<=[.!?;])\s+(?=[A-ZÄÖÜ0-9„\"(])|\n+")


@dataclass(frozen=True)
class Keyword:
    """A chat's keyword."""

    id: int
    chat_id: int
    word: str
    terms: tuple[str, ...]


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create the tables if they are missing."""
    with db.conn:
        for statement in SCHEMA:
            db.conn.execute(statement)


def clean_word(text: str) -> str:
    """A keyword as stored and shown: single spaces, at most MAX_WORD characters."""
    return " ".join(text.split())[:MAX_WORD].strip(" -")


def keyword_terms(text: str) -> tuple[str, ...]:
    """The index terms a keyword must find: one per word (its whole-word stem), function
    words and single letters left out; empty when nothing is left ("a", "und", "der": they
    would be in every document)."""
    tokens = tokenize(clean_word(text))[:MAX_WORDS]
    terms = [(tok.text, token_terms(tok)) for tok in tokens]
    content = [
        found[0]
        for word, found in terms
        if found and word.casefold() not in stopwords() and len(found[0]) >= 2
    ]
    return tuple(dict.fromkeys(content))


def term_matches(wanted: str, term: str) -> bool:
    """The keyword's term `wanted` matches an index term: equal, or with a common ending
    the stemmer left (either way round) when the shorter has at least 4 letters."""
    if term == wanted:
        return True
    short, long = (wanted, term) if len(wanted) < len(term) else (term, wanted)
    return len(short) >= 4 and long.startswith(short) and long[len(short) :] in _ENDINGS


def _all_match(wanted: Iterable[str], terms: set[str]) -> bool:
    return all(w in terms or any(term_matches(w, t) for t in terms) for w in wanted)


def add_keyword(
    db: sqlite_utils.Database,
    chat_id: int,
    text: str,
    *,
    user_id: int | None,
    language: str | None,
    now: datetime,
) -> Keyword | str:
    """Subscribe a chat to a keyword; the Keyword, or why not: "empty", "too_many", "exists"."""
    word = clean_word(text)
    terms = keyword_terms(word)
    if not terms:
        return "empty"
    with db.conn:
        subs.ensure_subscriber(db, chat_id, user_id, language, now)
        joined = " ".join(terms)
        if db.conn.execute(
            "SELECT 1 FROM keywords WHERE chat_id = ? AND terms = ?", (chat_id, joined)
        ).fetchone():
            return "exists"
        count = db.conn.execute(
            "SELECT count(*) FROM keywords WHERE chat_id = ?", (chat_id,)
        ).fetchone()[0]
        if count >= MAX_KEYWORDS:
            return "too_many"
        cur = db.conn.execute(
            "INSERT INTO keywords(chat_id, word, terms, created_at) VALUES (?,?,?,?)",
            (chat_id, word, joined, now.isoformat()),
        )
    return Keyword(int(cur.lastrowid or 0), chat_id, word, terms)


def keywords_of(db: sqlite_utils.Database, chat_id: int) -> list[Keyword]:
    """A chat's keywords, oldest first."""
    rows = db.conn.execute(
        "SELECT id, chat_id, word, terms FROM keywords WHERE chat_id = ? ORDER BY id", (chat_id,)
    )
    return [Keyword(r[0], r[1], r[2], tuple(r[3].split())) for r in rows]


def remove_keyword(db: sqlite_utils.Database, chat_id: int, keyword_id: int) -> str | None:
    """Remove one of a chat's keywords; its word, or None when it was not (any more) there."""
    with db.conn:
        row = db.conn.execute(
            "SELECT word FROM keywords WHERE id = ? AND chat_id = ?", (keyword_id, chat_id)
        ).fetchone()
        if row is None:
            return None
        db.conn.execute("DELETE FROM keywords WHERE id = ?", (keyword_id,))
    return str(row[0])


def remove_all(db: sqlite_utils.Database, chat_id: int) -> int:
    """Remove all of a chat's keywords (inside the caller's transaction)."""
    return db.conn.execute("DELETE FROM keywords WHERE chat_id = ?", (chat_id,)).rowcount


# -- finding what is new ---------------------------------------------------------------------


def mark(db: sqlite_utils.Database) -> int | None:
    """The highest document id looked at, or None before the first look."""
    row = db.conn.execute("SELECT value FROM alert_state WHERE key = ?", (MARK,)).fetchone()
    return int(row[0]) if row else None


def _set_mark(db: sqlite_utils.Database, value: int) -> None:
    db.conn.execute(
        "INSERT INTO alert_state(key, value) VALUES (?,?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (MARK, value),
    )


def sentence_with(text: str, wanted: tuple[str, ...]) -> str:
    """The sentence of `text` that mentions the terms (the first one with the first term),
    cut to MAX_SENTENCE characters around the mention."""
    sentences = [s.strip() for s in _SENTENCE_RE.split(text) if s.strip()]
    for sentence in sentences:
        tokens = tokenize(sentence)
        for tok in tokens:
            if any(term_matches(wanted[0], t) for t in text_terms(tok.text)):
                return _around(sentence, tok.start)
    first = wanted[0][:5]
    for sentence in sentences:  # a compound part: find it as a piece of a word
        at = sentence.casefold().find(first)
        if at >= 0:
            return _around(sentence, at)
    return _around(sentences[0], 0) if sentences else ""


def _around(sentence: str, at: int) -> str:
    if len(sentence) <= MAX_SENTENCE:
        return sentence
    begin = max(0, at - MAX_SENTENCE // 3)
    end = begin + MAX_SENTENCE - 2
    part = sentence[begin:end].strip()
    return ("…" if begin > 0 else "") + part + ("…" if end < len(sentence) else "")


@dataclass(frozen=True)
class _Doc:
    id: int
    name: str
    title: str
    kind: str | None
    date: str | None
    year: int | None
    public: bool


def _staff(db: sqlite_utils.Database, admins: frozenset[int]) -> set[int]:
    return set(admins) | {int(r[0]) for r in db.conn.execute("SELECT user_id FROM staff")}


def _committee_terms(topic: str) -> str:
    return " ".join(text_terms(topic))


def _consulting_committees(db: sqlite_utils.Database, name: str) -> set[str]:
    """The committee topics that consult a document (OParl papers: their Consultations, kept
    by the sync in document_committees; other documents have none)."""
    try:
        rows = db.conn.execute(
            "SELECT committee FROM document_committees WHERE name = ?", (name,)
        ).fetchall()
    except sqlite3.OperationalError:  # a database the OParl sync never touched
        return set()
    return {subs.topic_key(str(row[0])) for row in rows}


def _agenda_committees(db: sqlite_utils.Database) -> dict[str, set[str]]:
    """Folded agenda item name -> the committee topics of the sessions it is on."""
    rows = db.conn.execute(
        "SELECT a.name, e.topic, c.name FROM event_agenda a JOIN events e ON e.id = a.event_id "
        "LEFT JOIN event_committees c ON c.event_id = e.id"
    )
    out: dict[str, set[str]] = {}
    for name, topic, committee in rows:
        found = out.setdefault(" ".join(str(name).casefold().split()), set())
        found.update(subs.topic_key(t) for t in (topic, committee) if t)
    return out


def queue_alerts(
    db: sqlite_utils.Database,
    *,
    now: datetime,
    admins: frozenset[int] = frozenset(),
    batch: int = BATCH,
) -> int:
    """Queue the alerts for documents stored since the last call; returns how many were
    queued. The first call ever only sets the mark (documents stored before are old)."""
    with db.conn:
        last = mark(db)
        if last is None:
            top = db.conn.execute("SELECT coalesce(max(id), 0) FROM documents").fetchone()[0]
            _set_mark(db, int(top))
            return 0
        top = db.conn.execute("SELECT coalesce(max(id), 0) FROM documents").fetchone()[0]
        if int(top) < last:  # the newest were removed: a new one may take their id again
            _set_mark(db, int(top))
            return 0
        docs = [
            _Doc(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]))
            for r in db.conn.execute(
                "SELECT id, name, title, kind, date, year, public FROM documents "
                "WHERE id > ? ORDER BY id LIMIT ?",
                (last, batch),
            )
        ]
        if not docs:
            return 0
        queued = 0
        keywords = [
            Keyword(r[0], r[1], r[2], tuple(r[3].split()))
            for r in db.conn.execute(
                "SELECT k.id, k.chat_id, k.word, k.terms FROM keywords k "
                "JOIN subscribers u ON u.chat_id = k.chat_id WHERE u.active = 1 ORDER BY k.id"
            )
        ]
        skip = {subs.ALL, *subs.KINDS}
        committees: dict[str, list[int]] = {}
        for chat, topic in db.conn.execute(
            "SELECT s.chat_id, s.topic FROM subscriptions s JOIN subscribers u "
            "ON u.chat_id = s.chat_id WHERE u.active = 1 ORDER BY s.chat_id"
        ):
            if topic not in skip:
                committees.setdefault(str(topic), []).append(int(chat))
        if keywords or committees:
            staff = _staff(db, admins)
            agenda = _agenda_committees(db) if committees else {}
            quiet = qt.all_quiet(db)
            for doc in docs:
                queued += _queue_doc(db, doc, keywords, committees, agenda, staff, quiet, now)
        _set_mark(db, docs[-1].id)
        return queued


def _queue_doc(
    db: sqlite_utils.Database,
    doc: _Doc,
    keywords: list[Keyword],
    committees: dict[str, list[int]],
    agenda: dict[str, set[str]],
    staff: set[int],
    quiet: dict[int, qt.Quiet],
    now: datetime,
) -> int:
    passages = [
        (int(pid), str(text), str(terms))
        for pid, text, terms in db.conn.execute(
            "SELECT id, text, terms FROM passages WHERE doc_id = ? ORDER BY ord", (doc.id,)
        )
    ]
    sets = [set(terms.split()) for _p, _t, terms in passages]
    found: dict[int, dict[str, object]] = {}  # chat -> payload (the first reason wins)
    for kw in keywords:
        if kw.chat_id in found:
            continue
        hits = [
            (pid, text)
            for (pid, text, _terms), found_terms in zip(passages, sets, strict=True)
            if _all_match(kw.terms, found_terms)
        ]
        if hits:  # a passage with sentences rather than a heading alone, when there is one
            pid, text = next((h for h in hits if len(h[1]) >= MIN_PASSAGE), hits[0])
            found[kw.chat_id] = {
                "why": "keyword",
                "word": kw.word,
                "passage": pid,
                "sentence": sentence_with(text, kw.terms),
            }
    on_agenda = agenda.get(" ".join(doc.title.casefold().split()), set())
    on_agenda = on_agenda | _consulting_committees(db, doc.name)
    for topic, chats in committees.items():
        wanted = [c for c in chats if c not in found]
        if not wanted:
            continue
        phrase = f" {_committee_terms(topic)} "
        hit: dict[str, object] | None = None
        if phrase.strip():
            for pid, text, joined in passages:
                if phrase in f" {joined} ":
                    first = tuple(phrase.split())
                    hit = {"passage": pid, "sentence": sentence_with(text, first)}
                    break
        if hit is None and topic in on_agenda:
            first_passage = passages[0] if passages else None
            hit = {
                "passage": first_passage[0] if first_passage else None,
                "sentence": sentence_with(first_passage[1], (doc.title[:5].casefold(),))
                if first_passage
                else "",
            }
        if hit is not None:
            for chat in wanted:
                found[chat] = {"why": "committee", "word": topic, **hit}
    queued = 0
    for chat, reason in found.items():
        if not doc.public and not (chat > 0 and chat in staff):
            continue  # internal documents: staff in their private chat only
        payload = {
            **reason,
            "doc": doc.name,
            "doc_id": doc.id,
            "title": doc.title,
            "kind": doc.kind,
            "date": doc.date,
            "year": doc.year,
            "public": doc.public,
        }
        queued += outbox.enqueue(
            db,
            key=f"alert:{chat}:{doc.name}",
            chat_id=chat,
            kind="alert",
            ref_id=doc.id,
            not_before=qt.hold(quiet.get(chat), now),
            now=now,
            payload=payload,
        )
    return queued
