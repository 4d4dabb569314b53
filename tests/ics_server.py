"""A stand-in ICS feed server on 127.0.0.1 (stdlib ThreadingHTTPServer) for the feed tests.

Tests put a body (and its status and content type) at a path and change it between reads:

    with FakeFeeds() as feeds:
        feeds.put("/team.ics", calendar_bytes)
        ... fetch_ics(feeds.url("/team.ics")) ...
"""

from __future__ import annotations

import threading
from http.server import ThreadingHTTPServer

from tests.http_stub import QuietHandler

CALENDAR = "text/calendar; charset=utf-8"


class FakeFeeds:
    """Serves what the test put; 404 for anything else. Counts the requests per path."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, str, bytes]] = {}
        self.requests: dict[str, int] = {}
        self.lock = threading.Lock()
        feeds = self

        class Handler(QuietHandler):
            def do_GET(self) -> None:
                with feeds.lock:
                    feeds.requests[self.path] = feeds.requests.get(self.path, 0) + 1
                    status, kind, body = feeds.routes.get(self.path, (404, "text/plain", b"-"))
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def put(self, path: str, body: bytes, *, status: int = 200, kind: str = CALENDAR) -> str:
        """Serve `body` at `path` from now on; returns its URL."""
        with self.lock:
            self.routes[path] = (status, kind, body)
        return self.url(path)

    def url(self, path: str) -> str:
        """The full URL of a path."""
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def __enter__(self) -> FakeFeeds:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)
