"""What the stand-in servers on 127.0.0.1 share: a quiet HTTP/1.1 request handler."""

from __future__ import annotations

import contextlib
from http.server import BaseHTTPRequestHandler
from typing import Any


class QuietHandler(BaseHTTPRequestHandler):
    """Keep-alive like the real servers, no access log, and a client that went away (killed
    on purpose in the crash tests, or timed out) is normal, not an error."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        return

    def handle(self) -> None:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            super().handle()
