"""Logging set-up: one line per event (plain text, or one JSON object per line for journald
and Loki), quiet HTTP client, secrets never written."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from datetime import UTC, datetime
from urllib.parse import quote

REDACTED = "<redacted>"
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def variants(secrets: Iterable[str]) -> list[str]:
    """The secrets as they can appear in a line: as given and percent-encoded (a URL with
    the token quotes its ":"), longest first."""
    out = {form for s in secrets if s for form in (s, quote(s, safe=""))}
    return sorted(out, key=len, reverse=True)


def redact(text: str, secrets: Iterable[str]) -> str:
    """`text` with every secret (and its percent-encoded form) replaced by REDACTED."""
    for secret in variants(secrets):
        text = text.replace(secret, REDACTED)
    return text


class RedactingFormatter(logging.Formatter):
    """Formats records, then blanks out every secret (also inside tracebacks and URLs)."""

    def __init__(self, fmt: str, secrets: Iterable[str]) -> None:
        super().__init__(fmt)
        self.secrets = variants(secrets)

    def format(self, record: logging.LogRecord) -> str:
        """The formatted line with secrets replaced."""
        return redact(super().format(record), self.secrets)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message and, after an
    exception, its traceback; secrets are replaced in every value. Newlines inside a message
    stay escaped in the JSON string, so one event is always one line."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self.secrets = variants(secrets)

    def format(self, record: logging.LogRecord) -> str:
        """The record as one line of JSON with secrets replaced."""
        out: dict[str, str] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage(), self.secrets),
        }
        if record.exc_info:
            out["exception"] = redact(self.formatException(record.exc_info), self.secrets)
        if record.stack_info:
            out["stack"] = redact(self.formatStack(record.stack_info), self.secrets)
        return json.dumps(out, ensure_ascii=False)


def refused_token(record: logging.LogRecord) -> bool:
    """A token Telegram refuses is not a bug: PTB's line about it stays ("... Invalid token.
    Aborting retry loop."), its traceback goes (at start `gremienbot run` then says in one
    line what to do)."""
    error = record.exc_info[1] if record.exc_info else None
    if type(error).__name__ == "InvalidToken":
        record.exc_info = None
        record.exc_text = None
    return True


def setup_logging(
    *, verbose: bool = False, secrets: Iterable[str] = (), log_format: str = "text"
) -> None:
    """Log to stderr with secrets redacted; httpx's per-request lines (with URLs) silenced.
    `log_format` "json" writes one JSON object per line."""
    secrets = list(secrets)
    handler = logging.StreamHandler()
    formatter: logging.Formatter = (
        JsonFormatter(secrets) if log_format == "json" else RedactingFormatter(TEXT_FORMAT, secrets)
    )
    handler.setFormatter(formatter)
    handler.addFilter(refused_token)
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(logging.INFO if verbose else logging.WARNING)
    logging.getLogger("gremienbot").setLevel(logging.INFO)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    # Tornado (webhook mode) logs every request line with its path at INFO; errors stay.
    logging.getLogger("tornado.access").setLevel(logging.WARNING)
