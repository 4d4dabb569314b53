"""The OParl sync inside `gremienbot run`: at start, every GREMIENBOT_OPARL_INTERVAL and on
/sync, never two at once, never on the event loop.

The sync runs in a worker thread with its own SQLite connection and its own event loop (the
HTTP requests, the writes, the text extraction); the vocabulary of the knowledge base is read
in that thread too and handed over afterwards, so the first question after a sync does not
reload it on the event loop. Members' questions are answered meanwhile.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

from bot.oparl.client import OParlClient
from bot.oparl.sync import MAX_FILE_BYTES, NotOParl, SyncReport, sync
from knowledge.base import KnowledgeBase
from knowledge.search import Vocabulary
from knowledge.store import open_db
from scheduler.calendar import DEFAULT_OFFSETS, Calendar
from scheduler.clock import Clock

log = logging.getLogger("gremienbot.oparl")


class BackgroundSync:
    """Starts syncs of one OParl URL into the database at `db_path`, one at a time."""

    def __init__(
        self,
        db_path: Path,
        url: str,
        clock: Clock,
        *,
        knowledge: KnowledgeBase | None = None,
        default_offsets: str = DEFAULT_OFFSETS,
        contact: str | None = None,
        client_options: dict[str, Any] | None = None,
        interval: float = 30 * 60,
        max_file_bytes: int = MAX_FILE_BYTES,
    ) -> None:
        self.db_path = db_path
        self.url = url
        self.clock = clock
        self.knowledge = knowledge
        self.default_offsets = default_offsets
        self.contact = contact
        self.client_options = client_options or {}
        self.interval = interval  # seconds between scheduled syncs
        self.max_file_bytes = max_file_bytes  # a paper's file larger than this is skipped
        self.running = False  # set and cleared on the event loop only: no two syncs at once
        self.task: asyncio.Task[SyncReport | None] | None = None

    def start(self) -> bool:
        """Start a sync now (from the running event loop); False when one is running."""
        if self.running:
            return False
        self.running = True
        self.task = asyncio.get_running_loop().create_task(self._run(), name="gremienbot-oparl")
        return True

    async def _run(self) -> SyncReport | None:
        if self.knowledge is not None:  # no reload on the event loop after each page
            self.knowledge.hold_vocabulary = True
        try:
            report, vocabularies = await asyncio.to_thread(self._in_thread)
            if vocabularies is not None and self.knowledge is not None:
                self.knowledge.install(*vocabularies)
            return report
        except Exception:  # one failed sync must not stop the next
            log.exception("OParl sync failed")
            return None
        finally:
            self.running = False
            if self.knowledge is not None:
                self.knowledge.hold_vocabulary = False

    def _in_thread(self) -> tuple[SyncReport | None, tuple[Vocabulary, Vocabulary | None] | None]:
        """The sync with a connection of this thread (SQLite connections stay in theirs)."""
        db = open_db(self.db_path)
        try:
            calendar = Calendar(db, self.clock, default_offsets=self.default_offsets)

            async def go() -> SyncReport:
                async with OParlClient(contact=self.contact, **self.client_options) as client:
                    return await sync(
                        calendar, self.url, client, max_file_bytes=self.max_file_bytes
                    )

            try:
                report: SyncReport | None = asyncio.run(go())
                log.info("%s", report.line() if report else "")
            except NotOParl as exc:  # recorded for /status by sync()
                log.error("OParl sync: %s", exc)
                report = None
            vocabularies = None
            if self.knowledge is not None:
                vocabularies = KnowledgeBase.preload(db)
            return report, vocabularies
        finally:
            db.conn.close()
