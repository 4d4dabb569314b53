"""Documents sent to the bot by staff, and /dokument_entfernen. Like bot.agenda it returns
Replies; downloading is the Telegram handler's part (bot/handlers/uploads.py).

A file from a staff member in a private chat is checked (size, type) before it is downloaded,
read off the event loop (text layer, OCR, Word, OpenDocument), and held as a pending upload in
the database (so a restart loses nothing) until the sender presses "Öffentlich", "Intern" or
"Verwerfen": nothing is searchable before. The same content again is recognised; a new version
of a document with the same title replaces it after a confirmation. Accepted documents are
stored in a worker thread with its own connection, the vocabulary is read there too, and the
appointments in them wait in /vorschlaege as after `gremienbot ingest`.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import math
import zlib
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from bot.actions import Action
from bot.dialog import Person, date_de
from bot.proposing import propose_from
from bot.render import MAX_DETAILS, MAX_LABEL, MAX_TITLE, shorten
from bot.reply import Button, Reply, Span, staff_refusal
from bot.texts import UploadTexts, agenda_texts_for, upload_texts_for
from knowledge.base import KnowledgeBase, Preloaded
from knowledge.filetext import (
    SUPPORTED_SUFFIXES,
    NoTextLayer,
    OcrNotInstalled,
    UnreadableFile,
)
from knowledge.ingest import (
    DocumentMeta,
    IngestResult,
    UploadDraft,
    find_by_content,
    find_by_title,
    ingest_upload,
    read_upload,
    remove_document,
    title_from_name,
    upload_name,
)
from knowledge.limits import cap_title
from knowledge.ocr import INSTALL_HINT
from knowledge.store import generation, open_db
from scheduler import events as ev
from scheduler.calendar import Calendar
from scheduler.clock import Clock
from scheduler.proposals import find_appointments

log = logging.getLogger("gremienbot.uploads")

MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024  # what the cloud Bot API lets bots download
PENDING_DAYS = 7  # an upload nobody decided on is forgotten after this
REMOVE_PAGE = 8  # documents per /dokument_entfernen message
MAX_NOTES = 300  # characters of read notes shown in a preview
# Types by MIME type, for files sent without a usable name.
MIME_SUFFIXES = {
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.oasis.opendocument.text": ".odt",
    "text/plain": ".txt",
    "text/markdown": ".md",
}
PUBLIC, INTERNAL, REPLACE_PUBLIC, REPLACE_INTERNAL, DISCARD = 1, 2, 3, 4, 0

SCHEMA = """
CREATE TABLE IF NOT EXISTS pending_uploads (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL,       -- the staff member who sent it: only they decide
    chat_id INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    file_name TEXT NOT NULL,
    title TEXT NOT NULL,
    kind TEXT,
    year INTEGER,
    sha256 TEXT NOT NULL,
    text BLOB,                      -- the text as read (zlib); cleared once decided
    status TEXT NOT NULL DEFAULT 'waiting'  -- waiting, storing, stored, discarded
)
"""


def upload_suffix(file_name: str | None, mime: str | None) -> str | None:
    """How a sent file is read: its name's suffix when the bot reads that type, else its MIME
    type's; None for anything else."""
    suffix = Path(file_name or "").suffix.lower()
    if suffix in SUPPORTED_SUFFIXES:
        return suffix
    if suffix:  # a name that says another type wins over a MIME type that says otherwise
        return None
    return MIME_SUFFIXES.get((mime or "").split(";")[0].strip().lower())


@dataclass(frozen=True)
class Incoming:
    """A file as Telegram announces it (before it is downloaded)."""

    file_name: str
    mime_type: str | None
    size: int | None
    caption: str | None = None

    @property
    def suffix(self) -> str | None:
        return upload_suffix(self.file_name, self.mime_type)

    @property
    def name(self) -> str:
        """The file name to store under (with the suffix it is read as)."""
        suffix = self.suffix or ""
        path = Path(self.file_name)
        if path.stem and path.suffix.lower() == suffix:
            return path.name
        return f"{path.stem or 'dokument'}{suffix}"


@dataclass(frozen=True)
class Decision:
    """An upload staff chose to store: what the worker thread stores."""

    pending_id: int
    name: str
    text: str
    sha256: str
    meta: DocumentMeta
    replaces: str | None
    language: str | None


class Uploads:
    """Replies for files sent to the bot and for /dokument_entfernen."""

    def __init__(
        self,
        kb: KnowledgeBase,
        clock: Clock,
        *,
        calendar: Calendar | None = None,
    ) -> None:
        self.kb, self.clock, self.calendar = kb, clock, calendar
        self.db = kb.db
        # The database file, for a connection of the worker thread that stores (None: in
        # memory, stored on this connection).
        main = [r for r in self.db.conn.execute("PRAGMA database_list") if r[1] == "main"]
        self.db_path: Path | None = Path(main[0][2]) if main and main[0][2] else None
        self.db.conn.execute(SCHEMA)
        self.db.conn.commit()
        # One file is read at a time (OCR keeps a core busy): a second waits its turn.
        self.reading = asyncio.Semaphore(1)

    # -- a file arrives ---------------------------------------------------------------------

    def check(self, who: Person, incoming: Incoming) -> Reply | None:
        """A refusal before anything is downloaded, or None to go on: members get a friendly
        note, groups a note for staff (and nothing for others), then size and type."""
        t = upload_texts_for(who.language_code)
        if not who.private:
            return Reply.text(t.private_only) if who.staff else Reply(quiet=True)
        if not who.staff:
            log.info("file from a member not downloaded (only staff add documents)")
            return Reply.text(t.members_only_staff)
        if incoming.size is not None and incoming.size > MAX_DOWNLOAD_BYTES:
            return self.too_large(who, incoming.size)
        if incoming.suffix is None:
            log.info("upload refused: type %s not readable", incoming.mime_type or "unknown")
            return Reply.text(t.unknown_type.format(name=shorten(incoming.file_name, MAX_TITLE)))
        return None

    def too_large(self, who: Person, size: int) -> Reply:
        t = upload_texts_for(who.language_code)
        log.info("upload refused: %d bytes, over the download limit", size)
        return Reply.text(
            t.too_large.format(mb=math.ceil(size / 2**20), limit=MAX_DOWNLOAD_BYTES // 2**20)
        )

    def known(self, who: Person, raw: bytes) -> Reply | None:
        """The note for a file whose content is stored already (checked before reading it,
        which for a scan takes a while), else None."""
        found = find_by_content(self.db, hashlib.sha256(raw).hexdigest())
        if found is None:
            return None
        log.info("upload recognised: same content as %s", found[0])
        t = upload_texts_for(who.language_code)
        return Reply.text(t.known.format(title=shorten(found[1], MAX_TITLE)))

    def busy(self, who: Person) -> Reply:
        return Reply.text(upload_texts_for(who.language_code).busy)

    def failed(self, who: Person, reason: str) -> Reply:
        return Reply.text(upload_texts_for(who.language_code).failed.format(reason=reason))

    @staticmethod
    def read(raw: bytes, incoming: Incoming) -> tuple[UploadDraft, int]:
        """Read a downloaded file (in a worker thread: PDF, OCR, Word are slow) and count the
        appointments in it; raises UnreadableFile."""
        draft = read_upload(raw, incoming.name, caption=incoming.caption)
        found = find_appointments(
            list(draft.sentences), document="upload", year=draft.meta.year, text=draft.repaired
        )
        return draft, len(found)

    def unreadable(self, who: Person, exc: UnreadableFile) -> Reply:
        """One clear sentence for a file that cannot be read (one log line too)."""
        t = upload_texts_for(who.language_code)
        reason = str(exc)
        log.info("upload refused: %s", reason)
        if isinstance(exc, OcrNotInstalled):
            return Reply.text(t.no_ocr.format(command=INSTALL_HINT))
        if isinstance(exc, NoTextLayer):
            return Reply.text(t.no_text)
        if "encrypted" in reason:
            return Reply.text(t.encrypted)
        if reason == "empty file":
            return Reply.text(t.empty)
        return Reply.text(t.unreadable.format(reason=shorten(reason, 120)))

    def hold(self, who: Person, incoming: Incoming, draft: UploadDraft, appointments: int) -> Reply:
        """Keep a read file pending and show its preview with the three buttons; a file whose
        content is stored already is only named."""
        t = upload_texts_for(who.language_code)
        known = find_by_content(self.db, draft.sha256)
        if known is not None:  # stored while this one was read
            return Reply.text(t.known.format(title=shorten(known[1], MAX_TITLE)))
        now = self.clock.now()
        with self.db.conn:
            self.db.conn.execute(
                "DELETE FROM pending_uploads WHERE created_at < ? OR status IN "
                "('stored', 'discarded')",
                ((now - timedelta(days=PENDING_DAYS)).isoformat(),),
            )
            cur = self.db.conn.execute(
                "INSERT INTO pending_uploads(user_id, chat_id, created_at, file_name, title, "
                "kind, year, sha256, text) VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    who.user_id,
                    who.chat_id,
                    now.isoformat(),
                    incoming.name,
                    draft.meta.title,
                    draft.meta.kind,
                    draft.meta.year,
                    draft.sha256,
                    zlib.compress(draft.text.encode("utf-8"), 6),
                ),
            )
        pending = int(cur.lastrowid or 0)
        log.info("upload %d pending: %s, %d passages", pending, draft.suffix, draft.passages)
        return self._preview(t, pending, incoming, draft, appointments)

    def _preview(
        self, t: UploadTexts, pending: int, incoming: Incoming, draft: UploadDraft, found: int
    ) -> Reply:
        meta = draft.meta
        paragraphs: list[tuple[Span, ...]] = [
            (Span(t.preview_title.format(title=shorten(meta.title, MAX_TITLE)), "bold"),),
            (
                Span(
                    t.preview_details.format(
                        kind=meta.kind or t.preview_kind_unknown,
                        year=meta.year or t.preview_year_unknown,
                        passages=draft.passages,
                        appointments=found,
                    )
                ),
            ),
        ]
        source = "caption" if (incoming.caption or "").strip() else None
        if source is None:
            source = "name" if meta.title == _name_title(incoming.name) else "heading"
        notes = [t.preview_title_from[source]]
        if draft.ocr_pages:
            notes.append(t.preview_ocr.format(n=draft.ocr_pages))
        if draft.notes:
            notes.append(t.preview_notes.format(notes=shorten("; ".join(draft.notes), MAX_NOTES)))
        if find_by_title(self.db, meta.title) is not None:
            notes.append(t.preview_same_title)
        paragraphs.append((Span(" ".join(notes), "italic"),))
        paragraphs.append((Span(t.preview_start),))
        paragraphs.append((Span("\n".join(draft.first_lines), "quote"),))
        paragraphs.append((Span(t.preview_question, "bold"),))
        buttons = (
            (Button(t.button_public, Action("upl", (pending, PUBLIC)).encode()),),
            (Button(t.button_internal, Action("upl", (pending, INTERNAL)).encode()),),
            (Button(t.button_discard, Action("upl", (pending, DISCARD)).encode()),),
        )
        return Reply(tuple(paragraphs), buttons)

    # -- the buttons ------------------------------------------------------------------------

    def press(self, who: Person, action: Action) -> Reply | Decision:
        """A button of a preview or of /dokument_entfernen: a Reply, or a Decision to store
        (then `store` and `finish`)."""
        if not who.internal:
            return Reply.text(agenda_texts_for(who.language_code).staff_only)
        if action.kind == "upl":
            return self._decide(who, *action.args)
        return self._remove_button(who, action)

    def _decide(self, who: Person, pending: int, choice: int) -> Reply | Decision:
        t = upload_texts_for(who.language_code)
        row = self.db.conn.execute(
            "SELECT user_id, file_name, title, kind, year, sha256, text, status "
            "FROM pending_uploads WHERE id = ?",
            (pending,),
        ).fetchone()
        if row is None or row[7] != "waiting" or choice > REPLACE_INTERNAL:
            return Reply(toast=t.decided_already, paragraphs=((Span(t.decided_already),),))
        user_id, file_name, title, kind, year, sha256, packed, _status = row
        if user_id != who.user_id:
            return Reply(toast=t.not_yours, paragraphs=((Span(t.not_yours),),))
        if choice == DISCARD:
            self._close(pending, "discarded")
            log.info("upload %d discarded", pending)
            return Reply.text(t.discarded)
        known = find_by_content(self.db, sha256)
        if known is not None:  # stored meanwhile (the same file sent twice, both accepted)
            self._close(pending, "discarded")
            return Reply.text(t.known.format(title=shorten(known[1], MAX_TITLE)))
        replaces = find_by_title(self.db, title)
        if replaces is not None and choice in (PUBLIC, INTERNAL):
            return self._replace_question(t, pending, choice, title, replaces)
        claimed = self.db.conn.execute(
            "UPDATE pending_uploads SET status = 'storing' WHERE id = ? AND status = 'waiting'",
            (pending,),
        )
        self.db.conn.commit()
        if claimed.rowcount != 1:  # a second press while the first is being stored
            return Reply(toast=t.decided_already, paragraphs=((Span(t.decided_already),),))
        public = choice in (PUBLIC, REPLACE_PUBLIC)
        meta = DocumentMeta(title=title, kind=kind, year=year, public=public)
        return Decision(
            pending_id=pending,
            name=upload_name(self.db, file_name, replaces=replaces),
            text=zlib.decompress(packed).decode("utf-8"),
            sha256=sha256,
            meta=meta,
            replaces=replaces,
            language=who.language_code,
        )

    def _replace_question(
        self, t: UploadTexts, pending: int, choice: int, title: str, replaces: str
    ) -> Reply:
        row = self.db.conn.execute(
            "SELECT ingested_at FROM documents WHERE name = ?", (replaces,)
        ).fetchone()
        stored = date_de(str(row[0])[:10], None) if row else "?"
        label = t.button_replace_public if choice == PUBLIC else t.button_replace_internal
        again = REPLACE_PUBLIC if choice == PUBLIC else REPLACE_INTERNAL
        return Reply(
            ((Span(t.replace_question.format(title=shorten(title, MAX_TITLE), when=stored)),),),
            (
                (Button(label, Action("upl", (pending, again)).encode()),),
                (Button(t.button_discard, Action("upl", (pending, DISCARD)).encode()),),
            ),
        )

    def _close(self, pending: int, status: str) -> None:
        with self.db.conn:
            self.db.conn.execute(
                "UPDATE pending_uploads SET status = ?, text = NULL WHERE id = ?",
                (status, pending),
            )

    # -- storing ----------------------------------------------------------------------------

    def store(self, decision: Decision) -> tuple[IngestResult, Preloaded]:
        """Store an accepted upload and read the vocabulary afresh: in a worker thread with a
        connection of its own (SQLite connections stay in their thread), or on the bot's
        connection when the database is in memory."""
        db = open_db(self.db_path) if self.db_path is not None else self.db
        try:
            result = ingest_upload(
                db,
                decision.name,
                decision.text,
                decision.sha256,
                decision.meta,
                replaces=decision.replaces,
            )
            return result, KnowledgeBase.preload(db)
        finally:
            if db is not self.db:
                db.conn.close()

    async def store_async(self, decision: Decision) -> tuple[IngestResult, Preloaded]:
        """`store`, off the event loop when the database is a file."""
        if self.db_path is None:
            return self.store(decision)
        return await asyncio.to_thread(self.store, decision)

    def finish(
        self,
        who: Person,
        decision: Decision,
        result: IngestResult,
        vocabularies: Preloaded | None = None,
    ) -> Reply:
        """After storing: the confirmation, and the appointments proposed (as after a CLI
        ingest); a failure leaves the upload pending."""
        t = upload_texts_for(who.language_code)
        if result.status == "failed":
            with self.db.conn:
                self.db.conn.execute(
                    "UPDATE pending_uploads SET status = 'waiting' WHERE id = ?",
                    (decision.pending_id,),
                )
            return self.failed(who, shorten(result.message, 120))
        self._close(decision.pending_id, "stored")
        if vocabularies is not None:
            self.kb.install(vocabularies)
        title = shorten(decision.meta.title, MAX_TITLE)
        stored = t.stored_public if decision.meta.public else t.stored_internal
        lines = [stored.format(title=title, passages=result.passages)]
        if decision.replaces:
            lines.append(t.replaced.format(title=title))
        proposed = propose_from(self.kb, self.calendar, [result]) if self.calendar else 0
        if proposed:
            lines.append(t.proposals_waiting.format(n=proposed))
        log.info(
            "upload %d stored as %s (%s, %d passages, %d proposals)",
            decision.pending_id,
            result.name,
            "public" if decision.meta.public else "internal",
            result.passages,
            proposed,
        )
        return Reply.text(*lines)

    # -- /dokument_entfernen ----------------------------------------------------------------

    def remove_list(self, who: Person, page: int = 1) -> Reply:
        """The documents as buttons, REMOVE_PAGE a page, with "weiter"/"zurück"."""
        t_agenda = agenda_texts_for(who.language_code)
        refused = staff_refusal(who, t_agenda.staff_only, t_agenda.staff_private_only)
        if refused is not None:
            return refused
        t = upload_texts_for(who.language_code)
        rows = self.db.conn.execute(
            "SELECT id, title, year FROM documents ORDER BY year IS NULL, year DESC, title, id"
        ).fetchall()
        if not rows:
            return Reply.text(t.remove_empty)
        pages = -(-len(rows) // REMOVE_PAGE)
        page = min(max(page, 1), pages)
        gen = generation(self.db)
        buttons: list[tuple[Button, ...]] = []
        for doc_id, title, year in rows[(page - 1) * REMOVE_PAGE : page * REMOVE_PAGE]:
            label = shorten(f"{title} ({year})" if year else title, MAX_LABEL)
            buttons.append((Button(label, Action("drm", (doc_id, gen)).encode()),))
        turn: list[Button] = []
        if page > 1:
            turn.append(Button(t.button_previous, Action("dpg", (page - 1,)).encode()))
        if page < pages:
            turn.append(Button(t.button_next, Action("dpg", (page + 1,)).encode()))
        if turn:
            buttons.append(tuple(turn))
        return Reply(((Span(t.remove_title.format(page=page, pages=pages)),),), tuple(buttons))

    def _remove_button(self, who: Person, action: Action) -> Reply:
        t = upload_texts_for(who.language_code)
        if action.kind == "dpg":
            return self.remove_list(who, action.args[0])
        doc_id, gen = action.args[0], action.args[1]
        if action.kind == "drmok" and not action.args[2]:
            return Reply.text(t.remove_cancelled)
        row = self.db.conn.execute(
            "SELECT name, title, kind, year FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        if row is None or gen != generation(self.db):
            return Reply(toast=t.remove_gone, paragraphs=((Span(t.remove_gone),),))
        name, title, kind, year = row
        if action.kind == "drm":
            details = shorten(", ".join(str(x) for x in (kind, year) if x) or name, MAX_DETAILS)
            text = t.remove_confirm.format(title=shorten(title, MAX_TITLE), details=details)
            ref = (doc_id, gen)
            return Reply(
                ((Span(text),),),
                (
                    (
                        Button(t.button_remove_yes, Action("drmok", (*ref, 1)).encode()),
                        Button(t.button_cancel, Action("drmok", (*ref, 0)).encode()),
                    ),
                ),
            )
        remove_document(self.db, name)
        dropped = ev.discard_proposals_of(self.db, name, now=self.clock.now())
        log.info("document %s removed by staff (%d open proposals discarded)", name, dropped)
        return Reply.text(t.removed.format(title=shorten(title, MAX_TITLE)))


def _name_title(file_name: str) -> str:
    """The title read_upload proposes from a file name alone."""
    return cap_title(" ".join(title_from_name(Path(file_name)).split()))
