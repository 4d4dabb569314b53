"""Log lines: plain text (as before) or one JSON object per line; secrets redacted in both,
also percent-encoded and inside tracebacks."""

from __future__ import annotations

import json
import logging
import sys
from urllib.parse import quote

import pytest

from bot.config import ConfigError, Settings, load_settings
from bot.logs import JsonFormatter, RedactingFormatter

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
SECRET = "webhook-Geheimnis_42"
SECRETS = Settings(token=TOKEN, webhook_secret=SECRET).secrets()


def record(message: str, *args: object, exc: bool = False) -> logging.LogRecord:
    exc_info = None
    if exc:
        try:
            raise RuntimeError(f"request to /bot{TOKEN}/getMe failed ({SECRET})")
        except RuntimeError:
            exc_info = sys.exc_info()
    return logging.LogRecord("gremienbot", logging.ERROR, __file__, 1, message, args, exc_info)


def test_json_lines_are_one_object_each_with_secrets_redacted() -> None:
    formatter = JsonFormatter(SECRETS)
    text = formatter.format(
        record("POST /bot%s/setWebhook secret=%s\nzweite Zeile", TOKEN, SECRET, exc=True)
    )
    assert "\n" not in text  # one event, one line
    data = json.loads(text)
    assert data["level"] == "ERROR"
    assert data["logger"] == "gremienbot"
    assert data["message"] == "POST /bot<redacted>/setWebhook secret=<redacted>\nzweite Zeile"
    assert "RuntimeError" in data["exception"]
    assert data["time"].endswith("+00:00")
    assert TOKEN not in text
    assert SECRET not in text
    assert TOKEN.split(":")[1] not in text


@pytest.mark.parametrize(
    "formatter", [RedactingFormatter("%(message)s", SECRETS), JsonFormatter(SECRETS)]
)
def test_percent_encoded_secrets_are_redacted_too(formatter: logging.Formatter) -> None:
    text = formatter.format(record("GET /file/bot%s/doc.pdf", quote(TOKEN, safe="")))
    assert quote(TOKEN, safe="") not in text
    assert "<redacted>" in text


def test_text_format_keeps_tracebacks_redacted() -> None:
    text = RedactingFormatter("%(levelname)s %(message)s", SECRETS).format(record("x", exc=True))
    assert text.startswith("ERROR x\nTraceback")
    assert TOKEN not in text
    assert SECRET not in text


def test_log_format_setting() -> None:
    assert load_settings({}).log_format == "text"
    assert load_settings({"GREMIENBOT_LOG_FORMAT": "JSON"}).log_format == "json"
    with pytest.raises(ConfigError, match="GREMIENBOT_LOG_FORMAT"):
        load_settings({"GREMIENBOT_LOG_FORMAT": "xml"})
