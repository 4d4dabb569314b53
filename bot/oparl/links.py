"""Linked (not embedded) objects. OParl 1.0 and 1.1 servers may give a meeting's agenda
items, organizations, location and files, or a paper's files, as the URL of the object
instead of the object itself. They are fetched here and put in place of the URL: each URL once
per sync (meetings that share a location ask for it once), concurrently (the client keeps to
its limit of requests per host), at most MAX_PER_KEY per key of an object and MAX_PER_SYNC in
all. A linked object that answers 404, is not JSON, is not an object of the expected type or
is deleted is left out and counted (an error line naming its URL); it never stops the sync.
"""

from __future__ import annotations

import asyncio
from collections.abc import Container, Mapping
from typing import Any

from bot.oparl import mapping as m
from bot.oparl.client import FetchError, OParlClient

# key of the object -> the type the linked object must have
MEETING = {
    "organization": "Organization",
    "location": "Location",
    "agendaItem": "AgendaItem",
    "resultsProtocol": "File",
    "verbatimProtocol": "File",
}
PAPER = {"mainFile": "File", "auxiliaryFile": "File"}
MAX_PER_KEY = 200  # linked agenda items or files of one object
MAX_PER_SYNC = 100_000  # linked objects fetched in one sync


def _type_is(obj: Mapping[str, Any], kind: str) -> bool:
    found = obj.get("type")
    return found is None or (isinstance(found, str) and found.rstrip("/").endswith(f"/{kind}"))


class Links:
    """Resolves linked objects for one sync; `errors` gets one line per failed link."""

    def __init__(self, client: OParlClient, errors: list[str]) -> None:
        self.client = client
        self.errors = errors
        self.fetched = 0  # linked objects asked for
        self.failed = 0  # of them unusable
        self.failed_files = 0  # of them Files (counted as skipped files)
        self._cache: dict[str, asyncio.Task[dict[str, Any] | None]] = {}

    async def resolve(self, obj: Any, links: Mapping[str, str], keep: Container[str] = ()) -> Any:
        """`obj` with the URLs under `links` replaced by the objects they name (a copy;
        `obj` itself when nothing is linked). URLs in `keep` stay as they are (organizations
        the sync knows from its list); failed links are left out."""
        if not isinstance(obj, dict) or m.is_deleted(obj):
            return obj
        out: dict[str, Any] | None = None
        for key, kind in links.items():
            value = obj.get(key)
            single = not isinstance(value, list)
            items: list[Any] = value if isinstance(value, list) else [value]
            if not any(isinstance(v, str) and v not in keep for v in items):
                continue
            resolved: list[Any] = []
            for item in items[:MAX_PER_KEY]:
                if isinstance(item, str) and item not in keep:
                    resolved.append(self._fetch(item, kind))
            found = iter(await asyncio.gather(*resolved))
            values: list[Any] = []
            for item in items[:MAX_PER_KEY]:
                if isinstance(item, str) and item not in keep:
                    got = next(found)
                    if got is not None:
                        values.append(got)
                else:
                    values.append(item)
            out = out if out is not None else dict(obj)
            if single:
                if values:
                    out[key] = values[0]
                else:
                    out.pop(key, None)
            else:
                out[key] = values
        return obj if out is None else out

    def _fetch(self, url: str, kind: str) -> asyncio.Task[dict[str, Any] | None]:
        task = self._cache.get(url)
        if task is None:
            task = asyncio.ensure_future(self._get(url, kind))
            self._cache[url] = task
        return task

    async def _get(self, url: str, kind: str) -> dict[str, Any] | None:
        if self.fetched >= MAX_PER_SYNC:
            return self._fail(url, kind, "zu viele verknüpfte Objekte in einem Abgleich")
        self.fetched += 1
        try:
            found = await self.client.get_json(url)
        except FetchError as exc:
            return self._fail(url, kind, exc.why)
        if not isinstance(found, dict) or not _type_is(found, kind):
            return self._fail(url, kind, f"kein {kind}-Objekt")
        if m.is_deleted(found):
            return None  # gone on the server: nothing to show, nothing wrong
        return found

    def _fail(self, url: str, kind: str, why: str) -> dict[str, Any] | None:
        self.failed += 1
        if kind == "File":
            self.failed_files += 1
        self.errors.append(f"{url[:200]}: verknüpftes Objekt ({kind}) übersprungen: {why}")
        return None
