"""One OParl sync: System -> Body -> the organization, meeting and paper lists, following
`links.next`; after the first full walk each list is asked with `modified_since` = the start
of its last successful walk (kept in `oparl_lists`).

Every object is an idempotent upsert keyed by its OParl id (`oparl_objects` keeps its
`modified`): an unchanged object costs no write, and a sync killed at any point and run again
ends in the same state as one that ran through. Meetings become calendar events (through
Calendar, so reminders follow a moved or cancelled session), papers and minutes documents.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from bot.oparl import links as ln
from bot.oparl import mapping as m
from bot.oparl.client import FetchError, OParlClient, Passing, TooLarge
from knowledge.analyze import Lexicon
from knowledge.filetext import UnreadableFile, read_bytes
from knowledge.ingest import (
    ParallelPreparer,
    PendingTexts,
    TextDocument,
    finish_texts,
    ingest_texts,
    load_lexicon,
    remove_document,
    start_texts,
)
from scheduler import events as ev
from scheduler.calendar import Calendar

log = logging.getLogger("gremienbot.oparl")

MAX_PAGES = 100_000  # per list: a server whose `next` never ends is cut off
MAX_FILE_BYTES = 20 * 2**20  # a File larger than this is not downloaded (counted as skipped)
SCHEMA = [
    """CREATE TABLE IF NOT EXISTS oparl_lists (
        url TEXT PRIMARY KEY,           -- an external list of a body
        synced_from TEXT NOT NULL       -- start of its last successful walk (UTC)
    )""",
    """CREATE TABLE IF NOT EXISTS oparl_objects (
        id TEXT PRIMARY KEY,            -- the OParl id (a URL)
        kind TEXT NOT NULL,             -- organization, meeting, paper
        modified TEXT,                  -- as the server sent it
        name TEXT,                      -- organizations: their name
        ref TEXT                        -- meetings: event id; papers: document name
    )""",
    """CREATE TABLE IF NOT EXISTS oparl_runs (
        id INTEGER PRIMARY KEY,
        finished_at TEXT NOT NULL,      -- UTC ISO
        url TEXT NOT NULL,
        report TEXT,                    -- the --json object (NULL when nothing was synced)
        error TEXT                      -- why nothing was synced (not OParl, unreachable)
    )""",
    """CREATE TABLE IF NOT EXISTS oparl_files (
        id TEXT PRIMARY KEY,            -- a File's id (else its download URL)
        stamp TEXT NOT NULL,            -- its modified|sha1Checksum|size when last read
        text BLOB                       -- its text (zlib), NULL when it gave none
    )""",
    # Which committees consult a paper (its Consultations' organizations, by name): committee
    # subscribers hear of each new paper their committee is to discuss (scheduler/alerts.py).
    """CREATE TABLE IF NOT EXISTS document_committees (
        name TEXT NOT NULL,             -- the document (documents.name)
        committee TEXT NOT NULL,        -- the organization's name
        PRIMARY KEY (name, committee)
    )""",
    """CREATE TABLE IF NOT EXISTS oparl_retry (
        id TEXT PRIMARY KEY,            -- an object whose file failed for a passing reason
        kind TEXT NOT NULL,             -- meeting, paper
        attempts INTEGER NOT NULL       -- syncs that failed to read it so far
    )""",
]
MAX_RETRIES = 48  # syncs that ask again for a file that failed for a passing reason
MAX_RETRY_OBJECTS = 500  # objects asked again by id in one sync
SYNC_CACHE_KB = -8000  # SQLite page cache during a sync (negative: KiB)
KEEP_RUNS = 50  # the last syncs kept in oparl_runs (/status shows the newest)
_PaperDoc = tuple[str, m.DocumentFields, str | None, bool]  # id, document, modified, new


def ensure_schema(db: Any) -> None:
    """The sync's own tables (CREATE TABLE IF NOT EXISTS: safe on every start)."""
    with db.conn:
        for statement in SCHEMA:
            db.conn.execute(statement)


class NotOParl(Exception):
    """The URL cannot be reached or does not answer as an OParl System or Body."""


@dataclass
class Counts:
    """What happened to one kind of object."""

    new: int = 0
    changed: int = 0
    deleted: int = 0
    skipped: int = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "new": self.new,
            "changed": self.changed,
            "deleted": self.deleted,
            "skipped": self.skipped,
        }


@dataclass
class SyncReport:
    """The outcome of one sync."""

    papers: Counts = field(default_factory=Counts)
    meetings: Counts = field(default_factory=Counts)
    organizations: Counts = field(default_factory=Counts)
    files_read: int = 0
    files_skipped: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def as_json(self) -> dict[str, Any]:
        """The `oparl sync --json` object."""
        return {
            "papers": self.papers.as_dict(),
            "meetings": self.meetings.as_dict(),
            "organizations": self.organizations.as_dict(),
            "files": {"read": self.files_read, "skipped": self.files_skipped},
            "errors": list(self.errors),
        }

    def line(self) -> str:
        """One summary line."""

        def part(label: str, c: Counts) -> str:
            return (
                f"{label} {c.new} neu, {c.changed} geändert, {c.deleted} gelöscht, "
                f"{c.skipped} übersprungen"
            )

        return (
            f"OParl-Abgleich: {part('Vorlagen', self.papers)}; {part('Sitzungen', self.meetings)}; "
            f"{part('Gremien', self.organizations)}; Dateien {self.files_read} gelesen, "
            f"{self.files_skipped} übersprungen; {len(self.errors)} Fehler; "
            f"{self.seconds:.1f} s."
        )


def with_modified_since(url: str, since: str | None) -> str:
    """The list URL with `modified_since` set (URL-encoded: `+` becomes %2B)."""
    if since is None:
        return url
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    query = [(k, v) for k, v in query if k != "modified_since"] + [("modified_since", since)]
    return urlunsplit(parts._replace(query=urlencode(query)))


def _type_is(obj: Any, name: str) -> bool:
    kind = obj.get("type") if isinstance(obj, dict) else None
    return isinstance(kind, str) and kind.rstrip("/").endswith(f"/{name}")


class Sync:
    """Walks one OParl System or Body into the database of `calendar`."""

    def __init__(
        self, calendar: Calendar, client: OParlClient, *, max_file_bytes: int = MAX_FILE_BYTES
    ) -> None:
        self.max_file_bytes = max_file_bytes
        self.cal = calendar
        self.db = calendar.db
        self.client = client
        self.report = SyncReport()
        self._lexicon: Lexicon | None = None  # read once per sync, grown page by page
        self.links = ln.Links(client, self.report.errors)  # linked objects, once per sync
        self._passing: set[str] = set()  # files whose download failed for a passing reason
        self._marked: set[str] = set()  # objects with such a file (oparl_retry)
        self._preparer = ParallelPreparer()  # texts repaired and split on both cores
        self._consultations: dict[str, list[str]] = {}  # paper id -> organization ids
        # A page of papers whose texts the workers prepare while the page before is stored.
        self._pending: tuple[PendingTexts, list[_PaperDoc]] | None = None
        self._pending_ids: set[str] = set()
        ensure_schema(self.db)

    # -- entry ----------------------------------------------------------------------------

    async def run(self, url: str) -> SyncReport:
        """Sync everything reachable from `url`; NotOParl when it is not an OParl entry."""
        began = time.monotonic()
        try:
            entry = await self.client.get_json(url)
        except FetchError as exc:
            raise NotOParl(str(exc)) from exc
        if _type_is(entry, "System"):
            bodies = await self._bodies(entry)
        elif _type_is(entry, "Body"):
            bodies = [entry]
        else:
            raise NotOParl(f"{url}: keine OParl-Antwort (weder System noch Body)")
        # The sync writes page by page and reads little back: a small page cache serves it,
        # and the 32 MB the bot keeps for answers would be most of the sync's own memory.
        cache_size = self.db.conn.execute("PRAGMA cache_size").fetchone()[0]
        self.db.conn.execute(f"PRAGMA cache_size = {SYNC_CACHE_KB}")
        try:
            await self._retry_pending()
            for body in bodies:
                await self._body(body)
            self._store_papers()
        finally:
            self._preparer.close()
            self.db.conn.execute(f"PRAGMA cache_size = {int(cache_size)}")
        self.report.seconds = time.monotonic() - began
        for error in self.report.errors:
            log.warning("OParl: %s", error)
        return self.report

    async def _bodies(self, system: dict[str, Any]) -> list[dict[str, Any]]:
        list_url = system.get("body")
        if not isinstance(list_url, str):
            raise NotOParl(f"{system.get('id')}: System ohne Liste der Körperschaften")
        found: list[dict[str, Any]] = []
        try:
            async for page in self._pages(list_url):
                for item in page:
                    if _type_is(item, "Body"):
                        found.append(item)
                    elif isinstance(item, str):  # OParl 1.0 servers may link, not embed
                        body = await self.client.get_json(item)
                        if _type_is(body, "Body"):
                            found.append(body)
        except FetchError as exc:
            raise NotOParl(str(exc)) from exc
        if not found:
            raise NotOParl(f"{list_url}: keine Körperschaft gefunden")
        return found

    async def _body(self, body: dict[str, Any]) -> None:
        walks: list[tuple[str, Callable[[list[Any]], Awaitable[None]]]] = [
            ("organization", self._organizations),
            ("meeting", self._meetings),
            ("paper", self._papers),
        ]
        for key, handle in walks:
            list_url = body.get(key)
            if not isinstance(list_url, str):
                self.report.errors.append(f"{body.get('id')}: keine Liste „{key}“")
                continue
            await self._walk(list_url, handle)

    # -- lists ----------------------------------------------------------------------------

    async def _pages(self, url: str) -> AsyncIterator[list[Any]]:
        """The entries of a paginated list, page by page (FetchError from any page)."""
        seen: set[str] = set()
        next_url: str | None = url
        while next_url and next_url not in seen and len(seen) < MAX_PAGES:
            seen.add(next_url)
            page = await self.client.get_json(next_url)
            data = page.get("data") if isinstance(page, dict) else None
            if not isinstance(data, list):
                raise FetchError(next_url, "keine OParl-Liste (data fehlt)")
            yield data
            links = page.get("links")
            found = links.get("next") if isinstance(links, dict) else None
            next_url = found if isinstance(found, str) else None

    async def _walk(self, list_url: str, handle: Callable[[list[Any]], Awaitable[None]]) -> None:
        """Walk one list (incrementally after the first success); the next walk starts from
        this one's start only when every page was read."""
        started = datetime.now(UTC).replace(microsecond=0).isoformat()
        row = self.db.conn.execute(
            "SELECT synced_from FROM oparl_lists WHERE url = ?", (list_url,)
        ).fetchone()
        url = with_modified_since(list_url, row[0] if row else None)
        try:
            async for page in self._pages(url):
                await handle(page)  # each page is stored as it comes
        except FetchError as exc:
            self.report.errors.append(str(exc))
            return
        finally:
            self._store_papers()  # the last page read (also when a later one failed)
        with self.db.conn:
            self.db.conn.execute(
                "INSERT INTO oparl_lists(url, synced_from) VALUES (?, ?) "
                "ON CONFLICT(url) DO UPDATE SET synced_from = excluded.synced_from",
                (list_url, started),
            )

    # -- objects --------------------------------------------------------------------------

    def _known(self, oid: str) -> tuple[str | None, str | None] | None:
        row = self.db.conn.execute(
            "SELECT modified, ref FROM oparl_objects WHERE id = ?", (oid,)
        ).fetchone()
        return (row[0], row[1]) if row else None

    def _remember(self, oid: str, kind: str, modified: str | None, *, name: str | None = None,
                  ref: str | None = None) -> None:  # fmt: skip
        with self.db.conn:
            self.db.conn.execute(
                "INSERT INTO oparl_objects(id, kind, modified, name, ref) VALUES (?,?,?,?,?) "
                "ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, modified = excluded.modified, "
                "name = excluded.name, ref = excluded.ref",
                (oid, kind, modified, name, ref),
            )

    def _malformed(self, counts: Counts, obj: Any, why: str, kind: str | None = None) -> None:
        """Count and name an unusable object; with `kind` its `modified` is remembered, so
        the same broken object is reported once, not on every sync until it changes."""
        counts.skipped += 1
        oid = obj.get("id") if isinstance(obj, dict) else None
        self.report.errors.append(f"{str(oid)[:200] if oid else 'Eintrag ohne id'}: {why}")
        if kind is not None and isinstance(oid, str):
            known = self._known(oid)
            self._remember(oid, kind, m.modified(obj), ref=known[1] if known else None)

    def _id(self, counts: Counts, obj: Any) -> str | None:
        try:
            return m.object_id(obj)
        except m.Malformed as exc:
            self._malformed(counts, obj, str(exc))
            return None

    async def _organizations(self, items: list[Any]) -> None:
        counts = self.report.organizations
        for obj in items:
            oid = self._id(counts, obj)
            if oid is None:
                continue
            known = self._known(oid)
            if m.is_deleted(obj):
                if known is not None and known[0] != m.modified(obj):
                    counts.deleted += 1
                    self._remember(oid, "organization", m.modified(obj))
                continue
            if _unchanged(known, obj):
                continue
            try:
                name = m.organization_name(obj)
            except m.Malformed as exc:
                self._malformed(counts, obj, str(exc), "organization")
                continue
            self._remember(oid, "organization", m.modified(obj), name=name)
            if known is None:
                counts.new += 1
            else:
                counts.changed += 1

    def _org_names(self) -> dict[str, str]:
        return {
            r[0]: r[1]
            for r in self.db.conn.execute(
                "SELECT id, name FROM oparl_objects "
                "WHERE kind = 'organization' AND name IS NOT NULL"
            )
        }

    async def _meetings(self, items: list[Any]) -> None:
        counts = self.report.meetings
        names = self._org_names()
        items = await self._linked(items, ln.MEETING, names)
        items = await self._with_files(items, m.PROTOCOL_FILES)
        self._retry_later(items, m.PROTOCOL_FILES, "meeting")
        for obj in items:
            oid = self._id(counts, obj)
            if oid is None:
                continue
            known = self._known(oid)
            if _unchanged(known, obj):
                continue  # unchanged: no write
            if m.is_deleted(obj):
                if self._cancel(oid):
                    counts.deleted += 1
                remove_document(self.db, m.protocol_name(oid))
                self._remember(oid, "meeting", m.modified(obj))
                continue
            try:
                fields = m.meeting_fields(obj, names)
            except m.Malformed as exc:
                self._malformed(counts, obj, str(exc), "meeting")
                continue
            event, created = self._upsert_event(fields)
            minutes = m.protocol_document(obj, fields)
            if minutes is not None:
                self._store_documents([minutes.document])
                self.report.files_read += minutes.files_read
                self.report.files_skipped += minutes.files_skipped
            self._remember(oid, "meeting", fields.modified, ref=str(event.id))
            if created:
                counts.new += 1
            else:
                counts.changed += 1

    def _upsert_event(self, fields: m.MeetingFields) -> tuple[ev.Event, bool]:
        """Create or change the session's event (only when something differs: a rerun after
        a kill writes nothing twice); its agenda and web link follow."""
        wanted = fields.event()
        existing = ev.get_event_by_uid(self.db, fields.uid)
        if existing is None:
            event = self.cal.create(wanted)
        elif _same(existing, wanted):
            event = existing
        else:
            event = self.cal.change(replace(wanted, id=existing.id), notify=True)
        assert event.id is not None
        if existing is None or (
            ev.agenda_of(self.db, event.id) != list(fields.agenda)
            or ev.web_of(self.db, event.id) != fields.web
        ):
            with self.db.conn:
                ev.set_details(self.db, event.id, fields.web, fields.agenda)
        self.cal.set_committees(event.id, fields.committees)  # a joint session: each a topic
        return event, existing is None

    def _cancel(self, uid: str) -> bool:
        """A deleted session: its event is cancelled and its pending reminders dropped."""
        existing = ev.get_event_by_uid(self.db, uid)
        if existing is None or existing.status == "cancelled":
            return existing is not None
        self.cal.change(replace(existing, status="cancelled"), notify=True)
        return True

    async def _papers(self, items: list[Any]) -> None:
        """One page of papers: their texts go to the workers, then the page before is
        stored (the workers prepare this one meanwhile); _store_papers stores the last."""
        counts = self.report.papers
        docs: list[_PaperDoc] = []
        ids = {o.get("id") for o in items if isinstance(o, dict)}
        if not self._pending_ids.isdisjoint(ids):  # a paper again: decided once it is stored
            self._store_papers()
        items = await self._linked(items, ln.PAPER)
        items = await self._with_files(items, m.PAPER_FILES)
        self._retry_later(items, m.PAPER_FILES, "paper")
        for obj in items:
            oid = self._id(counts, obj)
            if oid is None:
                continue
            known = self._known(oid)
            if _unchanged(known, obj):
                continue
            if m.is_deleted(obj):
                if remove_document(self.db, m.paper_name(oid)) or known is not None:
                    counts.deleted += 1
                self._consulted_by(m.paper_name(oid), [], {})
                self._remember(oid, "paper", m.modified(obj))
                continue
            try:
                found = m.paper_document(obj)
            except m.Malformed as exc:
                self._malformed(counts, obj, str(exc), "paper")
                continue
            docs.append((oid, found, m.modified(obj), known is None or known[1] is None))
            self._consultations[oid] = m.consulting_organizations(obj)
        if not docs:
            return
        if self._lexicon is None:
            self._lexicon = load_lexicon(self.db)
        pending = start_texts(self.db, [d[1].document for d in docs], prepare=self._preparer)
        self._store_papers()
        self._pending = (pending, docs)
        self._pending_ids = {d[0] for d in docs}

    def _store_papers(self) -> None:
        """Store the page of papers whose texts are being prepared (if any), and count it."""
        if self._pending is None:
            return
        pending, docs = self._pending
        self._pending, self._pending_ids = None, set()
        counts = self.report.papers
        results = {r.name: r for r in finish_texts(self.db, pending, lexicon=self._lexicon)}
        committees = {d[0]: self._consultations.pop(d[0], []) for d in docs}
        org_names = self._org_names() if any(committees.values()) else {}
        for oid, found, modified, new in docs:
            result = results.get(found.document.name)
            if result is None or result.status == "failed":
                self._malformed(counts, {"id": oid}, "nicht gespeichert")
                continue
            self.report.files_read += found.files_read
            self.report.files_skipped += found.files_skipped
            self._consulted_by(found.document.name, committees.get(oid, []), org_names)
            self._remember(oid, "paper", modified, ref=found.document.name)
            if new:
                counts.new += 1
            else:
                counts.changed += 1

    def _consulted_by(self, name: str, organizations: list[str], org_names: dict[str, str]) -> None:
        """Record the committees (by name, as sessions name them) that consult a paper;
        `org_names` is _org_names(), read once per page by the caller."""
        names = list(dict.fromkeys(org_names[o] for o in organizations if org_names.get(o)))
        with self.db.conn:
            self.db.conn.execute("DELETE FROM document_committees WHERE name = ?", (name,))
            self.db.conn.executemany(
                "INSERT OR IGNORE INTO document_committees(name, committee) VALUES (?, ?)",
                [(name, n) for n in names],
            )

    # -- files ----------------------------------------------------------------------------

    async def _with_files(self, items: list[Any], keys: tuple[str, ...]) -> list[Any]:
        """The page's objects, those that changed with the text of their files (under
        `keys`) that come without `text` read from their download (concurrently: the
        client keeps to its limit per host)."""
        return list(await asyncio.gather(*(self._object_files(o, keys) for o in items)))

    async def _object_files(self, obj: Any, keys: tuple[str, ...]) -> Any:
        if not isinstance(obj, dict) or m.is_deleted(obj) or not isinstance(obj.get("id"), str):
            return obj
        known = self._known(obj["id"])
        if _unchanged(known, obj):
            return obj  # unchanged: skipped by the caller, nothing downloaded
        out = dict(obj)
        for key in keys:
            value = obj.get(key)
            if isinstance(value, list):
                out[key] = [await self._file(f) for f in value]
            elif isinstance(value, dict):
                out[key] = await self._file(value)
        return out

    async def _file(self, f: Any) -> Any:
        """A File with its `text`: as sent, as read before (same modified, sha1Checksum and
        size), or downloaded and read (PDF, plain text); unchanged when it gives none (then
        the mapping counts it as skipped)."""
        if not isinstance(f, dict) or m.has_text(f):
            return f
        url, suffix, key = m.file_url(f), m.file_suffix(f), m.file_key(f)
        if url is None or suffix is None or key is None:
            return f  # nothing to download, or a type the bot cannot read
        stamp = m.file_stamp(f)
        if stamp is not None:
            row = self.db.conn.execute(
                "SELECT stamp, text FROM oparl_files WHERE id = ?", (key,)
            ).fetchone()
            if row is not None and row[0] == stamp:
                return f | {"text": zlib.decompress(row[1]).decode()} if row[1] else f
        text: str | None = None
        try:
            raw = await self.client.get_bytes(url, self.max_file_bytes)
            text = (await asyncio.to_thread(read_bytes, raw, suffix)).text
        except TooLarge as exc:
            self.report.errors.append(str(exc))
        except FetchError as exc:
            self.report.errors.append(str(exc))
            if isinstance(exc, Passing):  # asked again on the next sync (_retry_later)
                self._passing.add(key)
                return f
        except UnreadableFile as exc:
            self.report.errors.append(f"{url}: {exc}"[:300])
        if stamp is not None:
            packed = zlib.compress(text.encode(), 6) if text else None
            with self.db.conn:
                self.db.conn.execute(
                    "INSERT INTO oparl_files(id, stamp, text) VALUES (?, ?, ?) ON CONFLICT(id) "
                    "DO UPDATE SET stamp = excluded.stamp, text = excluded.text",
                    (key, stamp, packed),
                )
        return f | {"text": text} if text else f

    # -- linked objects, passing failures ----------------------------------------------------

    async def _linked(
        self, items: list[Any], links: Mapping[str, str], keep: Mapping[str, str] | None = None
    ) -> list[Any]:
        """The page's objects, those that changed with their linked (not embedded) objects
        fetched (bot.oparl.links); a linked File that fails counts as a skipped file."""
        before = self.links.failed_files

        async def one(obj: Any) -> Any:
            if isinstance(obj, dict) and isinstance(obj.get("id"), str):
                known = self._known(obj["id"])
                if _unchanged(known, obj):
                    return obj  # unchanged: skipped by the caller, nothing fetched
            return await self.links.resolve(obj, links, keep or {})

        found = list(await asyncio.gather(*(one(o) for o in items)))
        self.report.files_skipped += self.links.failed_files - before
        return found

    def _retry_later(self, items: list[Any], keys: tuple[str, ...], kind: str) -> None:
        """Remember the objects with a file whose download failed for a passing reason
        (timeout, 5xx, 429): the next sync asks for them again by id (_retry_pending)."""
        failed = [
            o["id"]
            for o in items
            if isinstance(o, dict)
            and isinstance(o.get("id"), str)
            and any(m.file_key(f) in self._passing for f in m.files_of(o, keys))
        ]
        if not failed:
            return
        self._marked.update(failed)
        with self.db.conn:
            self.db.conn.executemany(
                "INSERT INTO oparl_retry(id, kind, attempts) VALUES (?, ?, 1) "
                "ON CONFLICT(id) DO UPDATE SET attempts = attempts + 1",
                [(oid, kind) for oid in failed],
            )

    async def _retry_pending(self) -> None:
        """Ask again for the objects whose files failed for a passing reason in an earlier
        sync (by their id: an incremental list would not show them again) and treat them as
        changed. One that fails again stays for the next sync, up to MAX_RETRIES syncs."""
        rows = self.db.conn.execute(
            "SELECT id, kind, attempts FROM oparl_retry ORDER BY attempts, id LIMIT ?",
            (MAX_RETRY_OBJECTS,),
        ).fetchall()
        handlers = {"meeting": self._meetings, "paper": self._papers}
        for oid, kind, attempts in rows:
            handle = handlers.get(kind)
            try:
                obj = await self.client.get_json(oid) if handle is not None else None
            except Passing as exc:  # still passing: the next sync asks again
                self.report.errors.append(str(exc))
                self._marked.add(oid)
                with self.db.conn:
                    self.db.conn.execute(
                        "UPDATE oparl_retry SET attempts = attempts + 1 WHERE id = ?", (oid,)
                    )
            except FetchError as exc:  # gone (404) or refused: not asked again
                self.report.errors.append(str(exc))
            else:
                if handle is not None and isinstance(obj, dict) and obj.get("id") == oid:
                    with self.db.conn:  # treated as changed: its files are read again
                        self.db.conn.execute(
                            "UPDATE oparl_objects SET modified = NULL WHERE id = ?", (oid,)
                        )
                    await handle([obj])
                    self._store_papers()
            if oid not in self._marked or attempts + 1 >= MAX_RETRIES:
                if oid in self._marked:
                    self.report.errors.append(f"{oid}: Datei nach {MAX_RETRIES} Abgleichen "
                                              "nicht lesbar, wird erst nach einer Änderung "
                                              "erneut versucht")  # fmt: skip
                with self.db.conn:
                    self.db.conn.execute("DELETE FROM oparl_retry WHERE id = ?", (oid,))

    def _store_documents(self, docs: list[TextDocument]) -> list[Any]:
        """Store a page's documents; the compound lexicon of the base is read from the
        database once per sync (reading it for every page made a large sync quadratic)."""
        if self._lexicon is None:
            self._lexicon = load_lexicon(self.db)
        return ingest_texts(self.db, docs, lexicon=self._lexicon, prepare=self._preparer)


def _unchanged(known: tuple[str | None, str | None] | None, obj: Any) -> bool:
    """Whether an object is stored with the `modified` it comes with now (no write needed)."""
    return known is not None and known[0] is not None and known[0] == m.modified(obj)


def _same(a: ev.Event, b: ev.Event) -> bool:
    keys = ("title", "start_at", "end_at", "place", "topic", "description", "source", "status")
    return all(getattr(a, k) == getattr(b, k) for k in keys)


async def sync(
    calendar: Calendar, url: str, client: OParlClient, *, max_file_bytes: int = MAX_FILE_BYTES
) -> SyncReport:
    """One sync of the OParl System or Body at `url` (NotOParl: nothing was synced); either
    way the outcome is recorded for /status (`last_run`)."""
    try:
        report = await Sync(calendar, client, max_file_bytes=max_file_bytes).run(url)
    except NotOParl as exc:
        _record(calendar, url, None, str(exc))
        raise
    _record(calendar, url, report, None)
    return report


@dataclass(frozen=True)
class Run:
    """One recorded sync: when it ended, its report (None when nothing was synced), why not."""

    finished_at: datetime
    url: str
    report: dict[str, Any] | None
    error: str | None


def _record(calendar: Calendar, url: str, report: SyncReport | None, error: str | None) -> None:
    db = calendar.db
    ensure_schema(db)
    payload = None if report is None else json.dumps(report.as_json(), ensure_ascii=False)
    with db.conn:
        db.conn.execute(
            "INSERT INTO oparl_runs(finished_at, url, report, error) VALUES (?,?,?,?)",
            (calendar.clock.now().astimezone(UTC).isoformat(), url, payload, error),
        )
        db.conn.execute(
            "DELETE FROM oparl_runs WHERE id <= (SELECT max(id) FROM oparl_runs) - ?",
            (KEEP_RUNS,),
        )


def last_run(db: Any) -> Run | None:
    """The newest recorded sync, or None (never synced)."""
    exists = db.conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'oparl_runs'"
    ).fetchone()
    if not exists:
        return None
    row = db.conn.execute(
        "SELECT finished_at, url, report, error FROM oparl_runs ORDER BY id DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    return Run(datetime.fromisoformat(row[0]), row[1], json.loads(row[2]) if row[2] else None,
               row[3])  # fmt: skip
