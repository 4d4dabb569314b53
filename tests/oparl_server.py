"""A stand-in OParl 1.1 server on 127.0.0.1 (stdlib ThreadingHTTPServer) for the sync tests.

It serves a generated, consistent body: System, Body, and paginated organization, meeting and
paper lists that honour `modified_since` and hide deleted objects without it (OParl 1.1: soft
deletes appear in lists only when `modified_since` is set). Tests change the data between
syncs (`put`, `delete`), make requests fail (`fail`), hold a request open (`hold`), serve
linked instead of embedded objects (`link`: OParl 1.0/1.1 allow either), and can serve the
real fixture files from ../shared/fixtures/oparl under /fixtures/.

    with FakeOParl() as server:
        server.generate()
        ... gremienbot oparl sync server.system_url ...
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import json
import threading
import urllib.parse
from dataclasses import dataclass, field
from datetime import datetime
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

from tests.http_stub import QuietHandler

BERLIN = ZoneInfo("Europe/Berlin")
FIXTURES = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "oparl"
T = "https://schema.oparl.org/1.1/"
KINDS = ("organization", "meeting", "paper")

PAPER_TEXT = (
    "Die Verwaltung schlägt vor, im Haushaltsjahr 2030 insgesamt 14 Sprachkurse für neu "
    "zugewanderte Familien zu fördern. Die Kurse finden in den Familienzentren statt. "
    "Die Kosten von 84.000 Euro werden aus Landesmitteln gedeckt."
)
MINUTES_TEXT = (
    "TOP 1: Der Integrationsausschuss beschließt einstimmig, den Dolmetscherpool um "
    "sechs Sprachmittlerinnen zu erweitern. TOP 2: Der Bericht wird zur Kenntnis genommen."
)


def stamp() -> str:
    """Now in Berlin time with microseconds (every change gets a new `modified`)."""
    return datetime.now(BERLIN).isoformat(timespec="microseconds")


@dataclass
class Failure:
    needle: str  # a part of the request path + query
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    count: int = 1


class FakeOParl:
    """The stand-in server and its data (one body)."""

    def __init__(self, page_size: int = 2) -> None:
        self.page_size = page_size
        self.objects: dict[str, list[dict[str, Any]]] = {k: [] for k in KINDS}
        # download name -> (bytes, content type, whether Content-Length is sent)
        self.files: dict[str, tuple[bytes, str, bool]] = {}
        self.requests: list[str] = []
        self.user_agents: set[str] = set()
        self.failures: list[Failure] = []
        self.holds: dict[str, threading.Event] = {}
        # objects served on their own at their id (linked, not embedded): id -> JSON value
        self.singles: dict[str, Any] = {}
        self.inflight = 0  # requests being answered now
        self.max_inflight = 0  # the most at once
        self.held: threading.Event = threading.Event()
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    # -- lifecycle ------------------------------------------------------------------------

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def system_url(self) -> str:
        return f"{self.base}/oparl/v1/system"

    @property
    def body_url(self) -> str:
        return f"{self.base}/oparl/v1/body/1"

    def url(self, tail: str) -> str:
        return f"{self.base}/oparl/v1/{tail}"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        for event in self.holds.values():
            event.set()
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> FakeOParl:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- data -----------------------------------------------------------------------------

    def generate(self) -> None:
        """A small consistent body: 3 organizations; meetings (winter and summer time, with
        agenda items, some non-public, one with minutes as a File with `text`, one cancelled,
        one malformed); papers with a File that has `text`, one deleted."""
        now = stamp()
        orgs = [
            ("1", "Integrationsausschuss"),
            ("2", "Sozialausschuss"),
            ("3", "Kreistag"),
        ]
        for oid, name in orgs:
            self.objects["organization"].append(
                {"id": self.url(f"organization/{oid}"), "type": T + "Organization",
                 "name": name, "organizationType": "Gremium", "created": now, "modified": now}
            )  # fmt: skip
        self.objects["meeting"] += [
            self.meeting("101", "Sitzung des Integrationsausschusses", "2030-03-12T17:00:00+01:00",
                         "2030-03-12T19:00:00+01:00", org="1", minutes=True),
            self.meeting("102", "Sitzung des Sozialausschusses", "2030-06-18T16:30:00+02:00",
                         None, org="2", location={"room": "Saal 2", "streetAddress": "Markt 1"}),
            self.meeting("103", "Kreistag", "2030-09-24T15:00:00+02:00",
                         "2030-09-24T18:00:00+02:00", org="3"),
            self.meeting("104", "Sondersitzung Sozialausschuss", "2030-04-02T10:00:00+02:00",
                         None, org="2", cancelled=True),
            {"id": self.url("meeting/105"), "type": T + "Meeting", "name": "Kaputt",
             "start": "demnächst", "created": now, "modified": now},
        ]  # fmt: skip
        self.objects["paper"] += [
            self.paper("201", "Förderung von Sprachkursen für zugewanderte Familien",
                       "2030/0101", PAPER_TEXT),
            self.paper("202", "Bericht zur Ehrenamtskoordination", "2030/0102",
                       "Im Kreis engagieren sich 312 Ehrenamtliche in der Flüchtlingshilfe."),
            self.paper("203", "Antrag auf Umbenennung", "2030/0103", "Zurückgezogen."),
        ]  # fmt: skip
        self.objects["paper"][2].update(deleted=True)

    def meeting(
        self,
        mid: str,
        name: str,
        start: str,
        end: str | None,
        *,
        org: str,
        minutes: bool = False,
        cancelled: bool = False,
        location: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        now = stamp()
        obj: dict[str, Any] = {
            "id": self.url(f"meeting/{mid}"),
            "type": T + "Meeting",
            "name": name,
            "start": start,
            "location": location
            or {"id": self.url(f"location/{mid}"), "type": T + "Location",
                "description": f"Kreishaus, Raum {mid}"},
            "organization": [self.url(f"organization/{org}")],
            "web": f"{self.base}/si0057.asp?__ksinr={mid}",
            "agendaItem": [
                {"id": self.url(f"agendaitem/{mid}1"), "type": T + "AgendaItem",
                 "number": "1", "name": "Eröffnung und Begrüßung", "public": True},
                {"id": self.url(f"agendaitem/{mid}2"), "type": T + "AgendaItem",
                 "number": "2", "name": "Sprachkurse für zugewanderte Familien", "public": True},
                {"id": self.url(f"agendaitem/{mid}3"), "type": T + "AgendaItem",
                 "number": "3", "name": "Personalangelegenheiten", "public": False},
            ],
            "created": now,
            "modified": now,
        }  # fmt: skip
        if end:
            obj["end"] = end
        if cancelled:
            obj["cancelled"] = True
        if minutes:
            obj["resultsProtocol"] = {
                "id": self.url(f"file/{mid}9"), "type": T + "File", "name": "Niederschrift",
                "fileName": "niederschrift.pdf", "mimeType": "application/pdf",
                "accessUrl": self.url(f"download/{mid}9.pdf"), "text": MINUTES_TEXT,
            }  # fmt: skip
        return obj

    def paper(self, pid: str, name: str, reference: str, text: str) -> dict[str, Any]:
        now = stamp()
        return {
            "id": self.url(f"paper/{pid}"), "type": T + "Paper", "name": name,
            "reference": reference, "date": "2030-01-15", "paperType": "Beschlussvorlage",
            "web": f"{self.base}/vo0050.asp?__kvonr={pid}",
            "mainFile": {
                "id": self.url(f"file/{pid}"), "type": T + "File", "name": "Vorlage",
                "fileName": f"{pid}.pdf", "mimeType": "application/pdf",
                "accessUrl": self.url(f"download/{pid}.pdf"), "text": text,
            },
            "created": now, "modified": now,
        }  # fmt: skip

    def file_url(self, name: str) -> str:
        return self.url(f"download/{name}")

    def serve_file(
        self, name: str, data: bytes, content_type: str = "application/pdf", *, length: bool = True
    ) -> None:
        """Serve `data` at file_url(name) (without Content-Length when `length` is False)."""
        self.files[name] = (data, content_type, length)

    def file_paper(
        self, pid: str, name: str, reference: str, data: bytes, *,
        file_name: str | None = None, mime: str = "application/pdf", length: bool = True,
    ) -> dict[str, Any]:  # fmt: skip
        """A paper whose mainFile has no `text`, only a download (served here), with its
        sha1Checksum and size."""
        file_name = file_name or f"{pid}.pdf"
        self.serve_file(file_name, data, mime, length=length)
        obj = self.paper(pid, name, reference, "")
        obj["mainFile"] = {
            "id": self.url(f"file/{pid}"), "type": T + "File", "name": "Vorlage",
            "fileName": file_name, "mimeType": mime, "accessUrl": self.file_url(file_name),
            "sha1Checksum": hashlib.sha1(data).hexdigest(), "size": len(data),
        }  # fmt: skip
        return obj

    def find(self, kind: str, tail: str) -> dict[str, Any]:
        return next(o for o in self.objects[kind] if o["id"] == self.url(f"{kind}/{tail}"))

    def put(self, kind: str, obj: dict[str, Any]) -> None:
        """Add or replace an object; its `modified` becomes now."""
        with self._lock:
            obj["modified"] = stamp()
            items = self.objects[kind]
            for i, old in enumerate(items):
                if old["id"] == obj["id"]:
                    items[i] = obj
                    return
            items.append(obj)

    def change(self, kind: str, tail: str, **fields: Any) -> None:
        obj = copy.deepcopy(self.find(kind, tail))
        obj.update(fields)
        self.put(kind, obj)

    def delete(self, kind: str, tail: str) -> None:
        """Soft delete (OParl 1.1): only id, type, created, modified and deleted remain."""
        old = self.find(kind, tail)
        self.put(kind, {"id": old["id"], "type": old["type"], "created": old.get("created"),
                        "deleted": True})  # fmt: skip

    LINKED: ClassVar[dict[str, tuple[str, ...]]] = {
        "meeting": ("location", "agendaItem", "resultsProtocol", "verbatimProtocol"),
        "paper": ("mainFile", "auxiliaryFile"),
    }

    def link(self, kind: str | None = None, tail: str | None = None) -> None:
        """Serve the embedded objects (agenda items, locations, files) of all objects, of
        one kind, or of one object as their URLs (each object served at its id); the objects
        get a new `modified`. `organization` stays linked as generated."""
        for k, keys in self.LINKED.items():
            if kind is not None and k != kind:
                continue
            for obj in list(self.objects[k]):
                if tail is not None and obj["id"] != self.url(f"{k}/{tail}"):
                    continue
                linked = copy.deepcopy(obj)
                for key in keys:
                    value = linked.get(key)
                    many = value if isinstance(value, list) else [value]
                    urls = []
                    for item in many:
                        if isinstance(item, dict) and isinstance(item.get("id"), str):
                            self.singles[item["id"]] = item
                            urls.append(item["id"])
                        elif item is not None:
                            urls.append(item)
                    if value is not None:
                        linked[key] = urls if isinstance(value, list) else urls[0]
                self.put(k, linked)

    # -- faults ---------------------------------------------------------------------------

    def fail(
        self,
        needle: str,
        status: int,
        *,
        body: bytes = b"",
        headers: dict[str, str] | None = None,
        count: int = 1,
    ) -> None:
        """The next `count` requests whose path+query contains `needle` get this answer."""
        self.failures.append(Failure(needle, status, body, headers or {}, count))

    def hold(self, needle: str) -> threading.Event:
        """Requests containing `needle` wait until the returned event is set; `held` is set
        when the first one arrives."""
        self.holds[needle] = threading.Event()
        return self.holds[needle]

    # -- serving --------------------------------------------------------------------------

    def _list(self, kind: str, query: dict[str, str], path: str) -> dict[str, Any]:
        since_text = query.get("modified_since")
        with self._lock:
            items = copy.deepcopy(self.objects[kind])
        if since_text:
            since = datetime.fromisoformat(since_text)
            items = [o for o in items if datetime.fromisoformat(o["modified"]) >= since]
        else:
            items = [o for o in items if not o.get("deleted")]
        page = int(query.get("page", "1"))
        size = self.page_size
        data = items[(page - 1) * size : page * size]
        links: dict[str, str] = {}
        if page * size < len(items):
            rest = {k: v for k, v in query.items() if k != "page"} | {"page": str(page + 1)}
            links["next"] = f"{self.base}{path}?{urllib.parse.urlencode(rest)}"
        total = max(1, -(-len(items) // size))
        return {
            "data": data,
            "pagination": {"totalElements": len(items), "elementsPerPage": size,
                           "currentPage": page, "totalPages": total},
            "links": links,
        }  # fmt: skip

    def _answer(self, path: str, query: dict[str, str]) -> tuple[int, Any]:
        if path.startswith("/fixtures/"):
            target = (FIXTURES / path[len("/fixtures/") :]).resolve()
            if FIXTURES in target.parents and target.is_file():
                return 200, json.loads(target.read_text(encoding="utf-8"))
            return 404, {"error": "not found"}
        body = self.body_url
        single = f"{self.base}{path}"
        if single in self.singles:
            return 200, self.singles[single]
        if path == "/oparl/v1/system":
            return 200, {"id": self.system_url, "type": T + "System",
                         "oparlVersion": "https://schema.oparl.org/1.1/",
                         "body": self.url("bodies"), "name": "Stand-in RIS"}  # fmt: skip
        if path == "/oparl/v1/bodies":
            return 200, {"data": [self._answer("/oparl/v1/body/1", {})[1]], "links": {}}
        if path == "/oparl/v1/body/1":
            return 200, {
                "id": body, "type": T + "Body", "system": self.system_url,
                "name": "Rhein-Beispiel-Kreis", "shortName": "RBK",
                "organization": f"{body}/organizations", "meeting": f"{body}/meetings",
                "paper": f"{body}/papers", "person": f"{body}/persons",
            }  # fmt: skip
        for kind in KINDS:
            if path == f"/oparl/v1/body/1/{kind}s":
                return 200, self._list(kind, query, path)
            prefix = f"/oparl/v1/{kind}/"
            if path.startswith(prefix):
                for obj in self.objects[kind]:
                    if obj["id"] == self.url(path[len("/oparl/v1/") :]):
                        return 200, obj
        return 404, {"error": "not found"}

    def _handler(self) -> type[QuietHandler]:
        api = self

        class Handler(QuietHandler):
            def do_GET(self) -> None:
                with api._lock:
                    api.inflight += 1
                    api.max_inflight = max(api.max_inflight, api.inflight)
                try:
                    self._get()
                finally:
                    with api._lock:
                        api.inflight -= 1

            def _get(self) -> None:
                parsed = urllib.parse.urlparse(self.path)
                api.requests.append(self.path)
                api.user_agents.add(self.headers.get("User-Agent", ""))
                for needle, event in list(api.holds.items()):
                    if needle in self.path:
                        api.held.set()
                        event.wait(30)
                status, headers = 200, {"Content-Type": "application/json"}
                data: bytes | None = None
                for failure in api.failures:
                    if failure.count > 0 and failure.needle in self.path:
                        failure.count -= 1
                        status, data = failure.status, failure.body
                        headers = {"Content-Type": "text/html"} | failure.headers
                        break
                download = parsed.path.removeprefix("/oparl/v1/download/")
                if data is None and download in api.files:
                    data, kind, length = api.files[download]
                    headers = {"Content-Type": kind}
                    if not length:  # the body ends when the connection closes
                        self.close_connection = True
                        self.send_response(200)
                        self.send_header("Content-Type", kind)
                        self.send_header("Connection", "close")
                        self.end_headers()
                        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                            self.wfile.write(data)
                        return
                if data is None:
                    query = dict(urllib.parse.parse_qsl(parsed.query))
                    status, payload = api._answer(parsed.path, query)
                    data = json.dumps(payload, ensure_ascii=False).encode()
                try:
                    self.send_response(status)
                    for key, value in headers.items():
                        self.send_header(key, value)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True

        return Handler
