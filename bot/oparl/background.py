"""The OParl sync inside `gremienbot run`: at start, every GREMIENBOT_OPARL_INTERVAL and on
/sync, never two at once, never on the event loop.

The sync runs in a child process with its own SQLite connection and its own event loop (the
HTTP requests, the writes, the text extraction; a worker thread of the bot waits for it): the
bot's process keeps its interpreter lock for the members' questions, which are answered
meanwhile. Its report comes back through a pipe (and stays in `oparl_runs` for /status).
Afterwards the vocabulary of the knowledge base is read in that worker thread and handed
over, so the first question after a sync does not reload it on the event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from bot.oparl.client import OParlClient
from bot.oparl.sync import MAX_FILE_BYTES, NotOParl, SyncReport, sync
from knowledge.base import KnowledgeBase, Preloaded
from knowledge.store import open_db
from scheduler.calendar import DEFAULT_OFFSETS, Calendar
from scheduler.clock import Clock

log = logging.getLogger("gremienbot.oparl")
SYNC_NICE = 10  # the sync process (and its text workers) yield the CPU to the bot's questions


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
                self.knowledge.install(vocabularies)
            return report
        except Exception:  # one failed sync must not stop the next
            log.exception("OParl sync failed")
            return None
        finally:
            self.running = False
            if self.knowledge is not None:
                self.knowledge.hold_vocabulary = False

    def _in_thread(self) -> tuple[SyncReport | None, Preloaded | None]:
        """The sync in a child process, then the vocabulary read with a connection of this
        thread (SQLite connections stay in theirs)."""
        report = self._in_child()
        vocabularies = None
        if self.knowledge is not None:
            db = open_db(self.db_path)
            try:
                vocabularies = KnowledgeBase.preload(db)
            finally:
                db.conn.close()
        return report, vocabularies

    def _in_child(self) -> SyncReport | None:
        """Run the sync in a child process and wait for its report: its CPU work (JSON, text
        preparation, index terms) never holds the interpreter lock of the bot's event loop.
        The child is spawned, never forked: the bot's other threads answer questions with
        SQLite at any moment, and a child forked while one of them held SQLite's memory mutex
        waited for it forever (seen in the test suite; the parent then waited for the report
        forever, and no sync ran again)."""
        context = multiprocessing.get_context("spawn")
        receive, send = context.Pipe(duplex=False)
        args = (send, self.db_path, self.url, self.clock, self.default_offsets, self.contact,
                self.client_options, self.max_file_bytes)  # fmt: skip
        child = context.Process(target=_sync_child, args=args, name="gremienbot-oparl")
        child.start()
        send.close()
        try:
            report: SyncReport | None = receive.recv()
        except EOFError:  # the child died (killed, out of memory) before it reported
            child.join()
            why = f"sync process ended without a report (exit {child.exitcode})"
            raise RuntimeError(why) from None
        finally:
            receive.close()
        child.join()
        return report


def _sync_child(
    send: Connection,
    db_path: Path,
    url: str,
    clock: Clock,
    default_offsets: str,
    contact: str | None,
    client_options: dict[str, Any],
    max_file_bytes: int,
) -> None:
    """The child process of BackgroundSync: one sync, its report sent to the parent (None
    when nothing was synced; the outcome is recorded for /status either way)."""
    report: SyncReport | None = None
    # Background work: the bot's process comes first for the CPU (where nice() exists).
    with contextlib.suppress(AttributeError, OSError):
        os.nice(SYNC_NICE)
    try:
        db = open_db(db_path)
        try:
            calendar = Calendar(db, clock, default_offsets=default_offsets)

            async def go() -> SyncReport:
                async with OParlClient(contact=contact, **client_options) as client:
                    return await sync(calendar, url, client, max_file_bytes=max_file_bytes)

            try:
                report = asyncio.run(go())
                log.info("%s", report.line())
            except NotOParl as exc:  # recorded for /status by sync()
                log.error("OParl sync: %s", exc)
        finally:
            db.conn.close()
    except Exception:  # reported here; the parent goes on with the next sync
        log.exception("OParl sync failed")
    send.send(report)
    send.close()
