"""The only module that imports APScheduler: it wakes the outbox up, nothing more.

What is due follows from the database (events, subscriptions, offsets, the outbox); the job runs
every second, never twice at once, and a missed wake-up is simply the next one.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC

from apscheduler.schedulers.asyncio import AsyncIOScheduler

log = logging.getLogger("gremienbot.runner")

WAKE_SECONDS = 1.0


class Runner:
    """Runs `work` every WAKE_SECONDS on the running asyncio loop."""

    def __init__(
        self, work: Callable[[], Awaitable[None]], *, seconds: float = WAKE_SECONDS
    ) -> None:
        self.work = work
        self.seconds = seconds
        self.scheduler = AsyncIOScheduler(timezone=UTC)

    async def _tick(self) -> None:
        try:
            await self.work()
        except Exception:  # one failed wake-up must not stop the next
            log.exception("scheduled work failed")

    def start(self) -> None:
        """Start waking up (call from inside the running event loop)."""
        self.scheduler.add_job(
            self._tick,
            "interval",
            seconds=self.seconds,
            id="outbox",
            max_instances=1,
            coalesce=True,
            misfire_grace_time=None,
        )
        self.scheduler.start()

    def stop(self) -> None:
        """Stop waking up."""
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
