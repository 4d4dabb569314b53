"""The only module that imports APScheduler: it wakes the outbox up, nothing more.

What is due follows from the database (events, subscriptions, offsets, the outbox); the job runs
every second, never twice at once, and a missed wake-up is simply the next one.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler

log = logging.getLogger("gremienbot.runner")

WAKE_SECONDS = 1.0
STOP_SECONDS = 10.0  # how long a graceful stop waits for the sends in flight


class Runner:
    """Runs `work` every WAKE_SECONDS on the running asyncio loop; `watch` (quick, no waiting)
    runs at every wake-up, also while the work of an earlier one still runs."""

    def __init__(
        self,
        work: Callable[[], Awaitable[None]],
        *,
        seconds: float = WAKE_SECONDS,
        watch: Callable[[], object] | None = None,
    ) -> None:
        self.work = work
        self.watch = watch
        self.seconds = seconds
        self.scheduler = AsyncIOScheduler(timezone=UTC)
        self.stopping = False
        self._current: asyncio.Task[Any] | None = None

    async def _tick(self) -> None:
        """The job: start the work unless it still runs from an earlier wake-up. The job
        returns at once, so APScheduler never skips a run (and never logs that it did), and
        its shutdown has no running job to cancel."""
        if self.stopping:
            return
        if self.watch is not None:
            try:
                self.watch()
            except Exception:  # watching must not stop the work
                log.exception("watch failed")
        if self._current is not None and not self._current.done():
            return
        self._current = asyncio.create_task(self._run(), name="gremienbot-outbox")

    async def _run(self) -> None:
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

    def every(self, seconds: float, job: Callable[[], Awaitable[None]], *, job_id: str) -> None:
        """Also run `job` now and every `seconds` (call after start). The job must return at
        once (start its work as a task): max_instances=1 and coalesce keep it single."""
        self.scheduler.add_job(
            job,
            "interval",
            seconds=seconds,
            id=job_id,
            max_instances=1,
            coalesce=True,
            misfire_grace_time=None,
            next_run_time=datetime.now(UTC),
        )

    async def stop(self, grace: float = STOP_SECONDS) -> None:
        """Stop waking up, and give the work running now up to `grace` seconds to finish
        (the work watches `stopping` and records what it has in flight)."""
        self.stopping = True
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        current = self._current
        if current is not None and not current.done():
            try:
                await asyncio.wait_for(asyncio.shield(current), grace)
            except TimeoutError:
                log.warning("scheduled work still running after %.0f s; stopping anyway", grace)
            except Exception:  # already logged by _run
                pass
