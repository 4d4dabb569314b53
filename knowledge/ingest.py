"""Files -> documents in the knowledge base: the only module that reads document files.

A batch of documents is written in one transaction, each document in one of its own when one
of them fails (_store_batch): a file that fails leaves what was stored before untouched, and a
re-ingested unchanged file costs one hash comparison.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import re
import stat
import tomllib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import cache, partial
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import sqlite_utils

from knowledge.analyze import (
    MIN_PART,
    Lexicon,
    fold,
    german_words,
    simple_word_counts,
    simple_words,
    stem,
    text_terms,
    token_texts,
    truncated_terms,
)
from knowledge.boilerplate import section_label
from knowledge.filetext import SUPPORTED_SUFFIXES, UnreadableFile, read_bytes, read_document
from knowledge.glossary import find_abbreviations
from knowledge.limits import cap_title
from knowledge.passages import Passage, split_passages
from knowledge.prepare import PreparedText, prepare_text, return_free_heap, start_worker
from knowledge.repair import repair_text
from knowledge.search import make_lexicon
from knowledge.signatures import is_subject_line
from knowledge.store import (
    bump_generation,
    count_words_later,
    document_words,
    fold_word_counts,
    uncount_words,
)

log = logging.getLogger(__name__)

Status = Literal["added", "updated", "unchanged", "failed", "skipped"]
METADATA_FILE = "corpus.json"
_YEAR_IN_DATE_RE = re.compile(r"\b\d{1,2}\.\s?\d{1,2}\.\s?((?:19|20)\d\d)\b")
_YEAR_RE = re.compile(r"\b((?:19|20)\d\d)\b")
# Access marks in corpus.json fail closed: only these values make a document public; any
# other value (a typo, "vertraulich", 0, "false") makes it internal.
_PUBLIC_ACCESS = frozenset({"public", "öffentlich", "oeffentlich", "offentlich"})
_PUBLIC_FLAGS = frozenset({"true", "ja", "yes", *_PUBLIC_ACCESS})
# Values that clearly mean internal (anything else not public is logged as not understood).
_INTERNAL = frozenset(
    {
        "intern", "internal", "nichtöffentlich", "nicht öffentlich", "nicht-öffentlich",
        "nichtoeffentlich", "nicht oeffentlich", "nicht-oeffentlich", "vertraulich",
        "confidential", "staff", "private", "privat", "false", "nein", "no", "0",
    }
)  # fmt: skip
MAX_METADATA_BYTES = 5 * 1024 * 1024  # a corpus.json larger than this is refused
BATCH = 32  # files read ahead: their words help split each other's compounds
PARALLEL_MIN_BATCH = 4  # texts from which a ParallelPreparer uses its worker processes
# Version of what is stored for a file (repair, passages, index terms). A document stored
# with an older one is rebuilt on the next ingest even when its file did not change, so
# existing databases get the better repair. Raise it when those steps change their output.
# 1: OCR compounds and names rebuilt, form fields as "boilerplate" passages (issue 10).
# 2: a subject line takes the words of the letterhead before it as its lead (issue 10).
# 3: participles of more separable verbs index their infinitive ("fortgesetzt", "dargestellt");
#    compounds cut short index their whole ("Kultur- und Sportamt": the Kulturamt).
# 4: a paper's form fields are said in one sentence of their own (knowledge/paperfacts.py).
# 5: the prose under a section label ("Beschlussentwurf:", "Begründung:") has it as its lead.
# 6: OCR repair: a lone letter is a word's fragment ("ehrenamt l ich"), a first part before a
#    hyphen may end in a linking s ("Informat ions- und"); a long sentence cut at a comma
#    keeps the comma ("… dazu beizutragen, | dass das KIZ …").
PIPELINE = 6
_BERATUNGSFOLGE_RE = re.compile(r"\bBeratungsfolge\b", re.I)


@dataclass(frozen=True)
class DocumentMeta:
    """What is known about a document besides its text."""

    title: str
    kind: str | None = None
    year: int | None = None
    date: str | None = None
    public: bool = True
    reference: str | None = None  # a paper's reference in the council information system
    web: str | None = None  # its page there (an http(s) URL)


@dataclass(frozen=True)
class IngestResult:
    """The outcome for one file."""

    path: Path
    name: str
    status: Status
    passages: int = 0
    message: str = ""
    notes: tuple[str, ...] = ()  # what was left out of a stored document (text cut)


_return_free_heap = return_free_heap  # the name tests and callers knew


Preparer = Callable[[Sequence[str]], list[PreparedText]]
Ticket = Callable[[], list[PreparedText]]  # waits for texts being prepared (submit)


def prepare_here(texts: Sequence[str]) -> list[PreparedText]:
    """prepare_text for each text, in this process."""
    return [prepare_text(t) for t in texts]


class ParallelPreparer:
    """prepare_text for batches of texts on a worker process and this one (both cores of a
    small server); the caller keeps every database write in its own process. Small batches
    are prepared in this process (a pool costs more than it saves there); the pool starts with
    the first large batch and ends with close().

    `workers` processes (default: one less than the cores, at most one) prepare a batch while
    the caller stores the one before; when the caller redeems the ticket it prepares the texts
    no worker has started yet itself (from the batch's end: cancelled futures), so one worker
    and the caller keep both cores busy without a second worker process, which cost ~90 MB.

    Workers are spawned (`start`, default "spawn"): a fresh interpreter imports only
    knowledge.prepare and loads the word list itself. A forked worker counted every page of
    the caller it touched (the whole import of the sync, some 70 MB) in its own RSS again, and
    copied those whose reference counts it wrote. A start method the system lacks falls back
    to "spawn" (which every system has)."""

    def __init__(
        self,
        workers: int | None = None,
        min_batch: int = PARALLEL_MIN_BATCH,
        *,
        start: str = "spawn",
    ) -> None:
        self.workers = workers if workers is not None else min(2, os.cpu_count() or 1) - 1
        self.min_batch = min_batch
        self.start = start if start in multiprocessing.get_all_start_methods() else "spawn"
        self._pool: ProcessPoolExecutor | None = None
        self._broken = False
        self.taken_back = 0  # texts given to the workers but prepared here (redeem)

    def __call__(self, texts: Sequence[str]) -> list[PreparedText]:
        return self.submit(texts)()

    def submit(self, texts: Sequence[str]) -> Ticket:
        """Start preparing the texts; the returned ticket waits for them. The caller may store
        an earlier batch meanwhile (the workers prepare while this process writes). Small
        batches are prepared when the ticket is redeemed, in this process."""
        texts = list(texts)
        if self.workers < 1 or len(texts) < self.min_batch or self._broken:
            return partial(prepare_here, texts)
        if self._pool is None:
            if self.start == "fork":
                german_words()  # loaded before the fork: the workers share it
                return_free_heap()
            self._pool = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context(self.start),
                initializer=start_worker,
            )
        try:
            futures = [self._pool.submit(prepare_text, t) for t in texts]
        except BrokenProcessPool:
            return partial(self._failed, texts)

        def redeem() -> list[PreparedText]:
            # The texts no worker has started yet are prepared here, from the batch's end,
            # while the workers go on from its start.
            here: dict[int, PreparedText] = {}
            for i in range(len(futures) - 1, -1, -1):
                if not futures[i].cancel():
                    break  # started or done: so are all before it (they start in order)
                here[i] = prepare_text(texts[i])
                self.taken_back += 1
            try:
                return [here[i] if i in here else f.result() for i, f in enumerate(futures)]
            except BrokenProcessPool:
                return self._failed(texts)

        return redeem

    def _failed(self, texts: Sequence[str]) -> list[PreparedText]:
        """A worker died (memory?): on in this process."""
        if not self._broken:
            log.warning("text preparation workers failed; preparing in this process")
        self._broken = True
        self.close()
        return prepare_here(texts)

    def close(self) -> None:
        """End the worker processes (if any)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> ParallelPreparer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass(frozen=True)
class _Prepared:
    path: Path
    name: str
    sha256: str
    original: str
    repaired: str
    meta: DocumentMeta
    notes: tuple[str, ...] = ()
    from_file: bool = True  # False: text given directly; no file path is stored
    ready: PreparedText | None = None  # passages and words, when worked out already

    def stored_path(self) -> str | None:
        return str(self.path) if self.from_file else None

    def prepared(self) -> PreparedText:
        """Passages and words of the repaired text (worked out here unless given)."""
        if self.ready is not None:
            return self.ready
        return PreparedText(
            self.repaired,
            tuple(split_passages(self.repaired)),
            simple_word_counts(self.repaired),
        )


@dataclass(frozen=True)
class Found:
    """A file to ingest, or one that is skipped (with why)."""

    path: Path
    name: str  # the document's key: its path below the ingested folder, else its file name
    skipped: str = ""


def discover(paths: Iterable[Path]) -> Iterator[Found]:
    """Files to ingest: the given files, and supported files below given folders (sorted),
    each named by its path relative to the folder ("2020/niederschrift.txt"), so files of the
    same name in different folders stay apart. Symbolic links are not followed (they could lead
    out of the folder), and what is not a regular file (pipes, devices) is not opened: both are
    reported as skipped."""
    for path in paths:
        if path.is_symlink():
            yield Found(path, path.name, _LINK)
        elif path.is_dir():
            yield from _walk(path)
        else:
            yield Found(path, path.name)


_LINK = "symbolic link, not followed"


def _walk(root: Path) -> Iterator[Found]:
    found: list[Found] = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        here = Path(folder)
        for name in [*dirs, *files]:
            child = here / name
            rel = child.relative_to(root).as_posix()
            if child.is_symlink():
                if name in dirs or child.suffix.lower() in SUPPORTED_SUFFIXES:
                    found.append(Found(child, rel, _LINK))
            elif name in files and name != METADATA_FILE:
                if child.suffix.lower() not in SUPPORTED_SUFFIXES:
                    continue
                regular = stat.S_ISREG(child.lstat().st_mode)
                found.append(Found(child, rel, "" if regular else "not a regular file"))
    yield from sorted(found, key=lambda f: f.name)


class MetadataError(UnreadableFile):
    """A folder's corpus.json cannot be read: its files are not ingested (access marks in it
    must not be lost, so nothing there is stored as public by mistake)."""


def _load_metadata(
    folder: Path, cache: dict[Path, dict[str, Any] | MetadataError]
) -> dict[str, Any]:
    """The `documents` map of a corpus.json in `folder` ({} when there is none); raises
    MetadataError when there is one that cannot be read."""
    if folder not in cache:
        meta_file = folder / METADATA_FILE
        try:
            cache[folder] = _read_metadata(meta_file) if meta_file.exists() else {}
        except MetadataError:
            # The first file of the folder says why; the others only that they were skipped.
            cache[folder] = MetadataError(f"übersprungen: {meta_file} ist nicht lesbar")
            raise
    found = cache[folder]
    if isinstance(found, MetadataError):
        raise found
    return found


def _read_metadata(meta_file: Path) -> dict[str, Any]:
    why = ""
    try:
        if not meta_file.is_file():
            why = "keine normale Datei"
        elif meta_file.stat().st_size > MAX_METADATA_BYTES:
            why = f"größer als {MAX_METADATA_BYTES // (1024 * 1024)} MB"
        else:
            data = json.loads(meta_file.read_text(encoding="utf-8"))
            if isinstance(data, dict) and isinstance(data.get("documents", {}), dict):
                return dict(data.get("documents", {}))
            why = 'erwartet {"documents": {"datei.txt": {…}}}'
    except (OSError, ValueError, RecursionError) as exc:
        why = str(exc)[:200] if not isinstance(exc, RecursionError) else "zu tief verschachtelt"
    raise MetadataError(
        f"{meta_file} kann nicht gelesen werden ({why}); die Dateien dieses Ordners werden "
        "nicht eingelesen"
    )


def access_is_public(entry: dict[str, Any], name: str = "") -> bool:
    """Whether a corpus.json entry marks its document public. Unmarked documents are public;
    a mark that is not clearly public (a typo, "vertraulich", 0, "false") makes it internal."""
    public = True
    for key, allowed in (("public", _PUBLIC_FLAGS), ("access", _PUBLIC_ACCESS)):
        if key not in entry:
            continue
        value = entry[key]
        word = str(value).strip().casefold() if not isinstance(value, bool) else str(value).lower()
        if value is True or (isinstance(value, int | str) and word in allowed):
            continue
        public = False
        if word not in _INTERNAL:
            log.warning(
                "%s: %s %r in corpus.json nicht verstanden; als intern gespeichert",
                name,
                key,
                value,
            )
    return public


def title_from_name(path: Path) -> str:
    """A readable title from a file name: '2021-kim-module.txt' -> '2021 kim module'."""
    stem = re.sub(r"[-_]+", " ", path.stem).strip()
    return stem[:1].upper() + stem[1:] if stem else path.name


def year_from_text(text: str) -> int | None:
    """The year most dates in the text fall in (the latest on a tie), else the latest year."""
    years = Counter(int(y) for y in _YEAR_IN_DATE_RE.findall(text))
    if years:
        top = max(years.values())
        return max(y for y, n in years.items() if n == top)
    plain = [int(y) for y in _YEAR_RE.findall(text)]
    return max(plain) if plain else None


def _meta_for(path: Path, text: str, entry: Any) -> DocumentMeta:
    if entry is not None and not isinstance(entry, dict):
        log.warning("%s: Eintrag in corpus.json ist kein Objekt; als intern gespeichert", path)
        entry, public = {}, False
    else:
        entry = entry or {}
        public = access_is_public(entry, path.name)
    title = str(entry.get("title") or "").strip()
    if not title and path.suffix.lower() == ".md":
        first = next((ln for ln in text.splitlines() if ln.strip()), "")
        title = first.lstrip("# ").strip() if first.startswith("#") else ""
    year = entry.get("year")
    date = entry.get("date")
    return DocumentMeta(
        public=public,
        title=cap_title(title or title_from_name(path)),
        kind=str(entry["kind"]) if entry.get("kind") else None,
        year=_year(year, path) or year_from_text(text),
        date=str(date) if date else None,
    )


def _year(value: Any, path: Path) -> int | None:
    """A corpus.json year (1900..2200), else None (with one line when it was given but bad)."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    if not isinstance(value, bool) and text.isascii() and text.isdigit():
        year = int(text)
        if 1900 <= year <= 2200:
            return year
    log.warning("%s: Jahr %r in corpus.json ungültig; Jahr aus dem Text", path, value)
    return None


def _prepare(found: Found, meta_cache: dict[Path, dict[str, Any] | MetadataError]) -> _Prepared:
    """Read, hash and repair one file (raises UnreadableFile)."""
    path = found.path
    entry = _load_metadata(path.parent, meta_cache).get(path.name)
    read = read_document(path)
    return _Prepared(
        path=path.absolute(),
        name=found.name,
        sha256=hashlib.sha256(read.raw).hexdigest(),
        original=read.text,
        repaired=repair_text(read.text, german_words()),
        meta=_meta_for(path, read.text, entry),
        notes=read.notes,
    )


def load_lexicon(db: sqlite_utils.Database) -> Lexicon:
    """The compound-splitting lexicon of everything stored (and general German words)."""
    return make_lexicon(word for word, _n in document_words(db.conn))


def _store(
    db: sqlite_utils.Database,
    doc: _Prepared,
    lexicon: Lexicon,
    status: Status,
    *,
    replaces: str | None = None,
) -> int:
    """Write one document with its passages in one transaction (removing the document named
    `replaces` in the same one, when given); returns the passage count."""
    with db.conn:
        count = _write(db.conn, doc, lexicon, replaces=replaces)
    log.info("%s %s: %d passages", status, doc.name, count)
    return count


def _store_batch(
    db: sqlite_utils.Database,
    docs: Sequence[_Prepared],
    lexicon: Lexicon,
    known: Callable[[str], bool],
) -> list[IngestResult]:
    """Store a batch of documents: all in one transaction, else (when one of them fails, which
    rolls the batch back) each in one of its own, the failing one reported while the others
    are stored. `known`: whether a document of that name is stored already ("updated").

    One commit for the batch: each commit flushed the full-text index's pending terms as a
    segment of their own and wrote the pages the document shares with the one before again
    (the sync's 50 papers a page paid some 2.5 s of 10 in commits for 300 papers). A sync
    killed in the batch loses the whole batch, which its rerun stores again, as it did with
    the one document it was writing."""
    conn = db.conn
    done: list[tuple[_Prepared, Status, int]] = []
    try:
        with conn:
            for doc in docs:
                status: Status = "updated" if known(doc.name) else "added"
                done.append((doc, status, _write(conn, doc, lexicon)))
    except Exception:
        done = []
    if done or not docs:
        for doc, status, count in done:
            log.info("%s %s: %d passages", status, doc.name, count)
        return [
            IngestResult(doc.path, doc.name, status, passages=count, notes=doc.notes)
            for doc, status, count in done
        ]
    results: list[IngestResult] = []
    for doc in docs:
        status = "updated" if known(doc.name) else "added"
        try:
            count = _store(db, doc, lexicon, status)
        except Exception as exc:  # one bad document must not stop the others
            log.exception("could not store %s", doc.path if doc.from_file else doc.name)
            results.append(IngestResult(doc.path, doc.name, "failed", message=f"not stored: {exc}"))
            continue
        results.append(IngestResult(doc.path, doc.name, status, passages=count, notes=doc.notes))
    return results


def _write(conn: Any, doc: _Prepared, lexicon: Lexicon, *, replaces: str | None = None) -> int:
    """The writes of _store, inside the caller's transaction; returns the passage count."""
    ready = doc.prepared()
    passages = list(ready.passages)
    terms = [
        text_terms(body, lexicon) + truncated_terms(body)
        for body in (p.text[len(p.lead) :] for p in passages)
    ]
    leads = [text_terms(p.lead, lexicon) if p.lead else [] for p in passages]
    for i in range(1, len(passages)):
        if passages[i - 1].kind == "boilerplate" and is_subject_line(passages[i].text):
            # "Betreff: Einrichtung eines KIZ …" is the subject of the paper the letterhead
            # before it names ("Stadt Troisdorf … Vorlage DS-Nr. 2013/728"), which no answer
            # quotes: its words are the subject's context, as a table header is a row's. Not
            # its Beratungsfolge: the sessions that discuss the paper say nothing of its subject.
            # Nor its numbers: a year there ("Datum: 04.09.2013") would find every question
            # about that year.
            head = _BERATUNGSFOLGE_RE.split(passages[i - 1].text, maxsplit=1)[0]
            leads[i] = leads[i] + [t for t in text_terms(head, lexicon) if not t[:1].isdigit()]
    heading_terms = {h: text_terms(h, lexicon) for h in {p.heading for p in passages}}
    # "Was sieht der Beschlussentwurf vor?": the prose under that label is the
    # Beschlussentwurf, though it never names it (the label's whole words only: its compound
    # parts, "Beschluss", are not what the prose is). Read once per heading, not per passage.
    section_words = {
        h: [stem(fold(w)) for w in token_texts(h)] for h in heading_terms if section_label(h)
    }
    for i, p in enumerate(passages):
        if p.kind != "boilerplate" and p.heading in section_words:
            terms[i] = terms[i] + section_words[p.heading]
    words = ready.words
    now = datetime.now(UTC).isoformat(timespec="seconds")
    for name in dict.fromkeys(n for n in (doc.name, replaces) if n):
        old = conn.execute("SELECT id FROM documents WHERE name = ?", (name,)).fetchone()
        if old:
            _delete(conn, old[0])
    cur = conn.execute(
        "INSERT INTO documents(name, path, title, kind, year, date, sha256, original, "
        "repaired, ingested_at, public, pipeline, reference, web) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            doc.name,
            doc.stored_path(),
            doc.meta.title,
            doc.meta.kind,
            doc.meta.year,
            doc.meta.date,
            doc.sha256,
            doc.original,
            doc.repaired,
            now,
            int(doc.meta.public),
            PIPELINE,
            doc.meta.reference,
            doc.meta.web,
        ),
    )
    doc_id = cur.lastrowid
    ids = _insert_passages(conn, doc_id, passages, terms, leads, heading_terms)
    # In key order: the rows go to the end of the table's B-tree, not all over it.
    conn.executemany(
        "INSERT INTO doc_words(doc_id, word, n) VALUES (?,?,?)",
        [(doc_id, w, n) for w, n in sorted(words.items())],
    )
    count_words_later(conn, doc_id)  # counted with its batch: fold_word_counts
    for abbr in find_abbreviations(" ".join(p.text for p in passages)):
        pid = next((ids[i] for i, p in enumerate(passages) if abbr.expansion in p.text), None)
        conn.execute(
            "INSERT INTO abbreviations(doc_id, abbr, term, expansion, passage_id) "
            "VALUES (?,?,?,?,?)",
            (doc_id, abbr.abbr, abbr.term, abbr.expansion, pid),
        )
    bump_generation(conn)
    return len(passages)


def _update_meta(db: sqlite_utils.Database, doc: _Prepared) -> None:
    """Apply changed metadata (title, kind, year, date, access) of an unchanged text."""
    with db.conn:
        db.conn.execute(
            "UPDATE documents SET title = ?, kind = ?, year = ?, date = ?, public = ?, path = ?, "
            "reference = ?, web = ? WHERE name = ?",
            (
                doc.meta.title,
                doc.meta.kind,
                doc.meta.year,
                doc.meta.date,
                int(doc.meta.public),
                doc.stored_path(),
                doc.meta.reference,
                doc.meta.web,
                doc.name,
            ),
        )
        bump_generation(db.conn)
    log.info("updated %s: metadata (public=%s)", doc.name, doc.meta.public)


def _insert_passages(
    conn: Any,
    doc_id: int | None,
    passages: list[Passage],
    terms: list[list[str]],
    leads: list[list[str]],
    heading_terms: dict[str, list[str]],
) -> list[int]:
    """Insert passages and their index rows; context = lead-in, heading, neighbours' terms.
    Each table gets all its rows in one executemany (a statement per row cost the sync some
    ms per paper); the passages' ids, given in insertion order, are read back by their order."""
    joined = [" ".join(t) for t in terms]
    conn.executemany(
        "INSERT INTO passages(doc_id, ord, kind, text, heading, terms, lead_terms) "
        "VALUES (?,?,?,?,?,?,?)",
        [
            (doc_id, p.ord, p.kind, p.text, p.heading, joined[i], " ".join(leads[i]))
            for i, p in enumerate(passages)
        ],
    )
    by_ord = dict(conn.execute("SELECT ord, id FROM passages WHERE doc_id = ?", (doc_id,)))
    ids: list[int] = [by_ord[p.ord] for p in passages]
    rows = []
    for i, p in enumerate(passages):
        context = [*leads[i], *heading_terms.get(p.heading, [])]
        if i > 0:
            context += terms[i - 1]
        if i + 1 < len(passages):
            context += terms[i + 1]
        rows.append((ids[i], joined[i], " ".join(context)))
    conn.executemany("INSERT INTO passage_fts(rowid, terms, context) VALUES (?,?,?)", rows)
    return ids


def _delete(conn: Any, doc_id: int) -> None:
    """Remove a document's passages and index rows (inside the caller's transaction)."""
    conn.execute(
        "DELETE FROM passage_fts WHERE rowid IN (SELECT id FROM passages WHERE doc_id = ?)",
        (doc_id,),
    )
    uncount_words(conn, doc_id)  # before its doc_words go
    for table in ("passages", "doc_words", "abbreviations"):
        conn.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))
    conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))


def remove_document(db: sqlite_utils.Database, name: str) -> bool:
    """Delete a document by file name; False when there is none."""
    with db.conn:
        row = db.conn.execute("SELECT id FROM documents WHERE name = ?", (name,)).fetchone()
        if not row:
            return False
        _delete(db.conn, row[0])
        bump_generation(db.conn)
    return True


def ingest_paths(
    db: sqlite_utils.Database,
    paths: Iterable[Path],
    *,
    progress: Callable[[IngestResult], None] | None = None,
) -> list[IngestResult]:
    """Ingest files and folders; one result per file, failures reported, the rest goes on."""
    found = [f for f in discover(paths) if f.path.name != METADATA_FILE]
    meta_cache: dict[Path, dict[str, Any] | MetadataError] = {}
    known: dict[str, tuple[str, DocumentMeta, int]] = {
        row[0]: (row[1], DocumentMeta(row[2], row[3], row[4], row[5], public=bool(row[6])), row[7])
        for row in db.conn.execute(
            "SELECT name, sha256, title, kind, year, date, public, pipeline FROM documents"
        )
    }
    results: list[IngestResult] = []

    def report(result: IngestResult) -> None:
        results.append(result)
        if result.status == "failed":
            log.info("failed %s: %s", result.path, result.message)  # callers report it
        if progress is not None:
            progress(result)

    for item in found:
        if item.skipped:
            report(IngestResult(item.path, item.name, "skipped", message=item.skipped))
    files = [f for f in found if not f.skipped]
    lexicon: Lexicon | None = None
    for start in range(0, len(files), BATCH):
        prepared: list[_Prepared] = []
        for item in files[start : start + BATCH]:
            path = item.path
            try:
                doc = _prepare(item, meta_cache)
            except UnreadableFile as exc:
                report(IngestResult(path, item.name, "failed", message=str(exc)))
                continue
            _adopt_legacy_name(db, doc, known)
            stored = known.get(doc.name)
            # A document stored by an older pipeline is rebuilt like a changed one.
            if stored is not None and stored[0] == doc.sha256 and stored[2] >= PIPELINE:
                if stored[1] == doc.meta:
                    report(IngestResult(path, doc.name, "unchanged", message="unchanged"))
                else:  # same text, new title, year or access mark: applied without re-reading
                    _update_meta(db, doc)
                    report(IngestResult(path, doc.name, "updated", message="metadata"))
                continue
            prepared.append(replace(doc, ready=doc.prepared()))  # split once, words counted
        if not prepared:
            continue
        # Split compounds against everything stored plus this batch's documents.
        lexicon = lexicon or load_lexicon(db)
        lexicon.add_each((doc.prepared().words for doc in prepared), min_length=MIN_PART + 2)
        for result in _store_batch(db, prepared, lexicon, known.__contains__):
            report(result)
        fold_word_counts(db.conn)  # this batch's words, counted together
    return results


def _adopt_legacy_name(
    db: sqlite_utils.Database, doc: _Prepared, known: dict[str, tuple[str, DocumentMeta, int]]
) -> None:
    """Databases from before relative names keyed documents by bare file name: a document
    now named "2020/x.txt" takes over the row "x.txt" when that holds the same file (same
    content, or ingested from the same place), so nothing is stored twice."""
    bare = doc.name.rsplit("/", 1)[-1]
    if bare == doc.name or doc.name in known or bare not in known:
        return
    row = db.conn.execute("SELECT path FROM documents WHERE name = ?", (bare,)).fetchone()
    same_place = row is not None and row[0] and Path(row[0]).absolute() == doc.path
    if known[bare][0] != doc.sha256 and not same_place:
        return
    with db.conn:
        db.conn.execute("UPDATE documents SET name = ? WHERE name = ?", (doc.name, bare))
        bump_generation(db.conn)
    known[doc.name] = known.pop(bare)
    log.info("renamed %s to %s (path below the ingested folder)", bare, doc.name)


@dataclass(frozen=True)
class TextDocument:
    """A document that arrives as text with its metadata, not as a file (e.g. a paper from
    the council information system). `sha256` identifies its content: an unchanged one costs
    no write. No file path is stored: such a document is sent as its text."""

    name: str
    text: str
    meta: DocumentMeta
    sha256: str


def ingest_texts(
    db: sqlite_utils.Database,
    docs: Iterable[TextDocument],
    *,
    lexicon: Lexicon | None = None,
    prepare: Preparer = prepare_here,
) -> list[IngestResult]:
    """Store documents given as text, like ingest_paths stores files: in one transaction (one
    a document when one fails), unchanged ones (same hash and metadata) untouched, changed
    metadata applied without re-indexing, one failing document reported while the others go
    on.

    `lexicon`: the compound lexicon of a caller that stores in several calls (one OParl sync,
    page by page); it gains the words of these documents. Without it the lexicon of
    everything stored is read from the database, which grows with the base.

    `prepare`: how the changed texts are repaired and split (a ParallelPreparer spreads that
    over worker processes); the writes all happen here (_store_batch)."""
    return finish_texts(db, start_texts(db, docs, prepare=prepare), lexicon=lexicon)


@dataclass
class PendingTexts:
    """Documents given as text whose changed texts are being prepared (start_texts)."""

    results: list[IngestResult]  # unchanged ones, changed metadata (already applied)
    docs: list[_Prepared]  # to store once prepared
    ticket: Ticket


def start_texts(
    db: sqlite_utils.Database,
    docs: Iterable[TextDocument],
    *,
    prepare: Preparer | ParallelPreparer = prepare_here,
) -> PendingTexts:
    """The first half of ingest_texts: unchanged documents recognised, changed metadata
    applied, and the changed texts handed to `prepare` (a ParallelPreparer's workers go on
    with them while the caller stores what it started before: finish_texts)."""
    results: list[IngestResult] = []
    prepared: list[_Prepared] = []
    for item in docs:
        row = db.conn.execute(
            "SELECT sha256, title, kind, year, date, public, reference, web FROM documents "
            "WHERE name = ?",
            (item.name,),
        ).fetchone()
        doc = _Prepared(
            path=Path(item.name),
            name=item.name,
            sha256=item.sha256,
            original=item.text,
            repaired="",  # repaired below, only when the text is stored
            meta=item.meta,
            from_file=False,
        )
        if row is not None and row[0] == item.sha256:
            stored = DocumentMeta(
                row[1], row[2], row[3], row[4], bool(row[5]), reference=row[6], web=row[7]
            )
            if stored == item.meta:
                results.append(IngestResult(doc.path, doc.name, "unchanged", message="unchanged"))
            else:
                _update_meta(db, doc)
                results.append(IngestResult(doc.path, doc.name, "updated", message="metadata"))
            continue
        prepared.append(doc)  # repaired below, all changed texts at once
    texts = [doc.original for doc in prepared]
    submit = prepare.submit if isinstance(prepare, ParallelPreparer) else _later(prepare)
    return PendingTexts(results, prepared, submit(texts))


def _later(prepare: Preparer) -> Callable[[Sequence[str]], Ticket]:
    """A Preparer as a submit: the texts are prepared when the ticket is redeemed."""
    return lambda texts: partial(prepare, texts)


def finish_texts(
    db: sqlite_utils.Database, pending: PendingTexts, *, lexicon: Lexicon | None = None
) -> list[IngestResult]:
    """The second half of ingest_texts: the prepared texts stored together (_store_batch)."""
    results = list(pending.results)
    if not pending.docs:
        return results
    readies = pending.ticket()
    prepared = [
        replace(doc, repaired=ready.repaired, ready=ready)
        for doc, ready in zip(pending.docs, readies, strict=True)
    ]
    lexicon = lexicon if lexicon is not None else load_lexicon(db)
    lexicon.add_each((doc.prepared().words for doc in prepared), min_length=MIN_PART + 2)

    def known(name: str) -> bool:
        return (
            db.conn.execute("SELECT 1 FROM documents WHERE name = ?", (name,)).fetchone()
            is not None
        )

    results += _store_batch(db, prepared, lexicon, known)
    fold_word_counts(db.conn)  # these documents' words, counted together
    return results


# -- documents sent to the bot ------------------------------------------------------------------

PREVIEW_LINES = 5  # first lines of text a preview shows
PREVIEW_LINE = 120  # characters of each
_KIND_WINDOW = 600  # characters of the opening text read for the kind


@dataclass(frozen=True)
class UploadDraft:
    """A file sent to the bot, read and repaired but not stored: what its preview shows and
    what ingest_upload stores once staff chose who may read it."""

    text: str  # as extracted (the original kept beside the repaired text)
    sha256: str  # of the file's bytes: the same file again is recognised
    meta: DocumentMeta  # proposed title, guessed kind and year (public is chosen later)
    suffix: str
    passages: int
    first_lines: tuple[str, ...]
    sentences: tuple[str, ...]  # the passages' texts, for finding appointments (not "facts")
    repaired: str
    notes: tuple[str, ...] = ()
    ocr_pages: int = 0


@cache
def _kinds() -> tuple[tuple[str, tuple[str, ...]], ...]:
    data = tomllib.loads(
        resources.files("knowledge").joinpath("data", "document_kinds_de.toml").read_text("utf-8")
    )
    return tuple((k["name"], tuple(w.casefold() for w in k["words"])) for k in data["kind"])


def guess_kind(title: str, text: str) -> str | None:
    """The kind of a document (knowledge/data/document_kinds_de.toml) by the words of its
    title, else of its opening lines; None when neither names one."""
    for where in (title.casefold(), text[:_KIND_WINDOW].casefold()):
        for name, words in _kinds():
            if any(word in where for word in words):
                return name
    return None


def read_upload(raw: bytes, file_name: str, *, caption: str | None = None) -> UploadDraft:
    """Read a file sent to the bot (its type from the file name) like ingest reads files,
    repair and split it, and propose its metadata: the title from the caption's first line,
    else the document's first heading (Word/OpenDocument heading, Markdown #), else the file
    name; kind and year guessed from title and text. Raises UnreadableFile."""
    suffix = Path(file_name).suffix.lower()
    read = read_bytes(raw, suffix)
    heading = read.heading
    if heading is None and suffix == ".md":
        top = next((ln for ln in read.text.splitlines() if ln.strip()), "")
        heading = top.lstrip("# ").strip() if top.startswith("#") else None
    given = next((ln.strip() for ln in (caption or "").splitlines() if ln.strip()), "")
    title = cap_title(" ".join((given or heading or title_from_name(Path(file_name))).split()))
    repaired = repair_text(read.text, german_words())
    passages = split_passages(repaired)
    lines = [" ".join(ln.split()) for ln in repaired.splitlines() if ln.strip()]
    first = tuple(cap_title(ln, PREVIEW_LINE) for ln in lines[:PREVIEW_LINES])
    return UploadDraft(
        text=read.text,
        sha256=hashlib.sha256(raw).hexdigest(),
        meta=DocumentMeta(
            title=title, kind=guess_kind(title, repaired), year=year_from_text(read.text)
        ),
        suffix=suffix,
        passages=len(passages),
        first_lines=first,
        sentences=tuple(p.text for p in passages if p.kind != "facts"),
        repaired=repaired,
        notes=read.notes,
        ocr_pages=read.ocr_pages,
    )


def find_by_content(db: sqlite_utils.Database, sha256: str) -> tuple[str, str] | None:
    """(name, title) of a stored document with this content hash, or None."""
    row = db.conn.execute(
        "SELECT name, title FROM documents WHERE sha256 = ? ORDER BY id LIMIT 1", (sha256,)
    ).fetchone()
    return (row[0], row[1]) if row else None


def find_by_title(db: sqlite_utils.Database, title: str) -> str | None:
    """The name of a stored document with this title (compared case-insensitively and with
    spaces folded), or None."""
    wanted = " ".join(title.split()).casefold()
    for name, stored in db.conn.execute("SELECT name, title FROM documents ORDER BY id"):
        if " ".join(stored.split()).casefold() == wanted:
            return str(name)
    return None


def upload_name(db: sqlite_utils.Database, file_name: str, *, replaces: str | None = None) -> str:
    """The key of a document sent to the bot: "telegram/<file name>" (a replaced document
    sent before keeps its key; a name taken by another document gets "-2", "-3", ...)."""
    if replaces is not None and replaces.startswith("telegram/"):
        return replaces
    stem, suffix = Path(file_name).stem, Path(file_name).suffix.lower()
    stem = re.sub(r"[^\w.()-]+", "-", stem).strip("-.")[:80] or "dokument"
    candidate, n = f"telegram/{stem}{suffix}", 1
    while db.conn.execute("SELECT 1 FROM documents WHERE name = ?", (candidate,)).fetchone():
        n += 1
        candidate = f"telegram/{stem}-{n}{suffix}"
    return candidate


def ingest_upload(
    db: sqlite_utils.Database,
    name: str,
    text: str,
    sha256: str,
    meta: DocumentMeta,
    *,
    replaces: str | None = None,
) -> IngestResult:
    """Store a document sent to the bot (its text as read by read_upload) under `name`, in
    one transaction that also removes the document `replaces` (a new version of it); no file
    path is stored, so the "Dokument" button sends the text. Failures are reported."""
    doc = _Prepared(
        path=Path(name),
        name=name,
        sha256=sha256,
        original=text,
        repaired=repair_text(text, german_words()),
        meta=meta,
        from_file=False,
    )
    lexicon = load_lexicon(db)
    lexicon.add(simple_words(doc.repaired), min_length=MIN_PART + 2)
    known = db.conn.execute(
        "SELECT 1 FROM documents WHERE name IN (?, ?)", (name, replaces or name)
    ).fetchone()
    status: Status = "updated" if known else "added"
    try:
        count = _store(db, doc, lexicon, status, replaces=replaces)
    except Exception as exc:  # reported to the staff member, the bot goes on
        log.exception("could not store %s", name)
        return IngestResult(doc.path, name, "failed", message=f"not stored: {exc}")
    fold_word_counts(db.conn)
    return IngestResult(doc.path, name, status, passages=count)
