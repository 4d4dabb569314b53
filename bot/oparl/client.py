"""The HTTP side of OParl: polite, bounded GET requests for JSON.

A User-Agent that names the bot (and the operator's contact), timeouts, at most `per_host`
requests at a time per host, retries with backoff on timeouts, connection errors and 5xx,
`Retry-After` honoured on 429/503, only http(s), a bounded number of redirects, and
responses that are too large or not JSON refused with FetchError (the caller counts them).
JSON and file downloads alike; a failure that outlasts the retries but may pass is a Passing
error (the sync asks again next time). The waiting between tries is `sleep` (tests: no wait).
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import httpx

log = logging.getLogger("gremienbot.oparl")

MAX_BYTES = 50 * 1024 * 1024
USER_AGENT = "gremienbot (OParl sync; Telegram bot for municipal committees)"


class FetchError(Exception):
    """A URL that gave no usable JSON; str(exc) is one line naming the URL and why."""

    def __init__(self, url: str, why: str) -> None:
        super().__init__(f"{url}: {why}")
        self.url = url
        self.why = why


class TooLarge(FetchError):
    """A response over the size limit (not retried; the same file is not asked again)."""


class Passing(FetchError):
    """A failure that may pass (timeouts, unreachable, 5xx, 429) that outlasted the retries:
    worth asking again on the next sync, unlike a 404 or a refused answer."""


def user_agent(contact: str | None = None) -> str:
    """The User-Agent: the bot, and the operator's contact when configured (headers are
    ASCII: other characters of the contact become "?")."""
    if not contact:
        return USER_AGENT
    plain = "".join(c if " " <= c <= "~" and c not in "()" else "?" for c in contact)[:200]
    return f"{USER_AGENT[:-1]}; contact: {plain})"


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (seconds or an HTTP date); None without one."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, (parsedate_to_datetime(value) - datetime.now(UTC)).total_seconds())
    except (TypeError, ValueError):
        return None


class OParlClient:
    """GET JSON from an OParl server (use as `async with OParlClient(...) as client`)."""

    def __init__(
        self,
        *,
        contact: str | None = None,
        timeout: float = 30.0,
        retries: int = 3,
        backoff: float = 1.0,
        max_wait: float = 120.0,
        max_bytes: int = MAX_BYTES,
        max_redirects: int = 5,
        per_host: int = 4,
        sleep: Callable[[float], Awaitable[None]] | None = None,
    ) -> None:
        self._sleep = sleep or asyncio.sleep  # tests pass a fake: no real waiting
        self.retries, self.backoff, self.max_wait = retries, backoff, max_wait
        self.max_bytes, self.per_host = max_bytes, per_host
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self.requests = 0
        self._http = httpx.AsyncClient(
            headers={"User-Agent": user_agent(contact), "Accept": "application/json"},
            timeout=httpx.Timeout(timeout),
            follow_redirects=True,
            max_redirects=max_redirects,
        )

    async def __aenter__(self) -> OParlClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connections."""
        await self._http.aclose()

    async def get_json(self, url: str) -> Any:
        """The JSON at `url`; FetchError when there is none after the retries."""
        body = await self._with_retries(url, self.max_bytes)
        try:
            return json.loads(body)
        except (ValueError, RecursionError):
            raise FetchError(url, "Antwort ist kein JSON") from None

    async def get_bytes(self, url: str, max_bytes: int) -> bytes:
        """The bytes at `url` (a file), at most `max_bytes` (checked from Content-Length and
        while streaming); FetchError otherwise."""
        return await self._with_retries(url, max_bytes)

    async def _with_retries(self, url: str, limit: int) -> bytes:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise FetchError(url, "nur http(s)-Adressen werden abgerufen")
        gate = self._hosts.setdefault(parts.netloc, asyncio.Semaphore(self.per_host))
        attempt = 0
        while True:
            wait: float | None = None
            async with gate:
                try:
                    return await self._get(url, limit)
                except _Retry as retry:
                    if attempt >= self.retries:
                        raise Passing(url, retry.why) from None
                    wait = retry.wait if retry.wait is not None else self.backoff * 2**attempt
                    log.info("%s: %s, neuer Versuch in %.1f s", url, retry.why, wait)
            attempt += 1
            await self._sleep(min(wait, self.max_wait))

    async def _get(self, url: str, limit: int) -> bytes:
        self.requests += 1
        too_large = f"Antwort größer als {_megabytes(limit)} MB"
        try:
            async with self._http.stream("GET", url) as resp:
                status = resp.status_code
                if status in (429, 503):
                    raise _Retry(f"HTTP {status}", _retry_after(resp.headers.get("Retry-After")))
                if status >= 500:
                    raise _Retry(f"HTTP {status}")
                if status != 200:
                    raise FetchError(url, f"HTTP {status}")
                length = resp.headers.get("Content-Length")
                if length and length.isdigit() and int(length) > limit:
                    raise TooLarge(url, too_large)
                body = bytearray()
                async for chunk in resp.aiter_bytes():
                    body += chunk
                    if len(body) > limit:
                        raise TooLarge(url, too_large)
        except httpx.TooManyRedirects:
            raise FetchError(url, "zu viele Weiterleitungen") from None
        except httpx.UnsupportedProtocol:
            raise FetchError(url, "Weiterleitung auf eine Adresse ohne http(s)") from None
        except httpx.TimeoutException:
            raise _Retry("Zeitüberschreitung") from None
        except httpx.TransportError as exc:
            raise _Retry(f"nicht erreichbar ({type(exc).__name__})") from None
        return bytes(body)


def _megabytes(limit: int) -> str:
    mb = limit / 2**20
    return f"{mb:.0f}" if mb >= 1 else f"{mb:.2f}".rstrip("0").rstrip(".")


class _Retry(Exception):
    def __init__(self, why: str, wait: float | None = None) -> None:
        super().__init__(why)
        self.why, self.wait = why, wait
