"""Settings from the environment (and optionally a TOML file), read once at the edge."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

APP_NAME = "gremienbot"
DEFAULT_API_URL = "https://api.telegram.org/bot"
TOKEN_RE = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{30,}$")
# Telegram's rules for setWebhook: an https URL on one of these ports, and a secret_token of
# 1..256 characters A-Z, a-z, 0-9, _ and -.
WEBHOOK_PORTS = (443, 80, 88, 8443)
SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
LOG_FORMATS = ("text", "json")

# Every environment variable the bot reads (the configuration table of the README and
# deploy/gremienbot.env.example list exactly these; tests/test_deploy.py checks it).
ENV_KEYS = (
    "TELEGRAM_BOT_TOKEN",
    "TELEGRAM_API_URL",
    "GREMIENBOT_CONFIG",
    "GREMIENBOT_DB",
    "GREMIENBOT_ADMINS",
    "GREMIENBOT_WEBHOOK_URL",
    "GREMIENBOT_WEBHOOK_LISTEN",
    "GREMIENBOT_WEBHOOK_PORT",
    "GREMIENBOT_WEBHOOK_SECRET",
    "GREMIENBOT_REMINDER_OFFSETS",
    "GREMIENBOT_QUESTION_DAYS",
    "GREMIENBOT_PRIVACY_CONTACT",
    "GREMIENBOT_OPERATOR",
    "GREMIENBOT_OPARL_URL",
    "GREMIENBOT_OPARL_CONTACT",
    "GREMIENBOT_OPARL_INTERVAL",
    "GREMIENBOT_OPARL_MAX_FILE_MB",
    "GREMIENBOT_ICS_FEEDS",
    "GREMIENBOT_LOG_FORMAT",
)


class ConfigError(ValueError):
    """A setting is missing or malformed; str(exc) is one line for the operator."""


def default_db_path() -> Path:
    """The database in the user's data directory (used when neither --db nor GREMIENBOT_DB)."""
    return Path(platformdirs.user_data_dir(APP_NAME)) / "gremienbot.db"


@dataclass(frozen=True)
class Settings:
    """Everything the bot is configured with. The token never shows in repr()."""

    token: str | None = field(default=None, repr=False)
    api_url: str = DEFAULT_API_URL
    db_path: Path = field(default_factory=default_db_path)
    admins: frozenset[int] = frozenset()
    webhook_url: str | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    webhook_secret: str | None = field(default=None, repr=False)
    questions_per_minute: int = 20
    reminder_offsets: str = "7d,1d,2h"
    question_days: int = 90  # stored questions are deleted after this many days
    privacy_contact: str | None = None  # shown by /datenschutz
    operator: str | None = None  # who runs the bot: named in its profile texts
    oparl_url: str | None = None  # the council information system's OParl System or Body
    oparl_contact: str | None = None  # named in the User-Agent of OParl requests
    oparl_interval: int = 30  # minutes between syncs inside `gremienbot run`
    oparl_max_file_mb: float = 20.0  # a paper's file larger than this is not downloaded
    ics_feeds: tuple[str, ...] = ()  # ICS feed URLs read every 30 minutes inside `gremienbot run`
    log_format: str = "text"  # text: one line per event; json: one JSON object per line

    def secrets(self) -> list[str]:
        """Values that must never appear in a log."""
        return [s for s in (self.token, self.webhook_secret) if s]

    def require_token(self) -> str:
        """The bot token, or ConfigError with a one-line explanation."""
        if not self.token:
            raise ConfigError(
                "TELEGRAM_BOT_TOKEN fehlt: bitte den Token von @BotFather setzen "
                "(Umgebungsvariable oder [telegram] token in der Konfigurationsdatei)."
            )
        if not TOKEN_RE.match(self.token):
            raise ConfigError(
                "TELEGRAM_BOT_TOKEN hat nicht die Form eines Bot-Tokens (Zahl:Zeichenfolge, "
                "z. B. 123456789:AA…)."
            )
        return self.token

    def require_webhook(self) -> str:
        """The local path the webhook listens at (the path of the public URL, so a reverse
        proxy passes requests through unchanged), or ConfigError naming what to fix."""
        from urllib.parse import urlsplit

        url = self.webhook_url or ""
        try:
            parts = urlsplit(url)
            port = parts.port or 443
        except ValueError:
            parts, port = urlsplit(""), 0
        if parts.scheme != "https" or not parts.hostname:
            raise ConfigError(
                f"GREMIENBOT_WEBHOOK_URL muss eine https-Adresse sein (Telegram verlangt HTTPS), "
                f"z. B. https://bot.example.org/gremienbot/hook; gesetzt ist: {url[:200]!r}."
            )
        if port not in WEBHOOK_PORTS:
            raise ConfigError(
                f"GREMIENBOT_WEBHOOK_URL: Telegram erlaubt nur die Ports "
                f"{', '.join(map(str, WEBHOOK_PORTS))}, nicht {port}."
            )
        if not self.webhook_secret:
            raise ConfigError(
                "GREMIENBOT_WEBHOOK_SECRET fehlt: ohne Geheimnis könnte jeder dem Bot Updates "
                'unterschieben. Eins erzeugen mit: python3 -c "import secrets; '
                'print(secrets.token_urlsafe(32))"'
            )
        if not SECRET_RE.match(self.webhook_secret):
            raise ConfigError(
                "GREMIENBOT_WEBHOOK_SECRET darf nur A-Z, a-z, 0-9, _ und - enthalten "
                "(1 bis 256 Zeichen; Vorgabe von Telegram)."
            )
        return parts.path or "/"


def _admins(value: Any) -> frozenset[int]:
    if value is None or value == "":
        return frozenset()
    items = value if isinstance(value, list) else str(value).replace(";", ",").split(",")
    try:
        return frozenset(int(str(i).strip()) for i in items if str(i).strip())
    except ValueError as exc:
        raise ConfigError(
            "GREMIENBOT_ADMINS muss eine durch Kommas getrennte Liste von Telegram-Nutzer-IDs "
            "sein (z. B. 12345,67890)."
        ) from exc


MAX_QUESTION_DAYS = 3650


def _question_days(value: Any) -> int:
    if value is None or value == "":
        return 90
    try:
        days = int(str(value).strip()) if not isinstance(value, bool) else -1
    except ValueError:
        days = -1
    if not 1 <= days <= MAX_QUESTION_DAYS:
        raise ConfigError(
            f"GREMIENBOT_QUESTION_DAYS ([privacy] question_days) muss eine ganze Zahl von 1 bis "
            f"{MAX_QUESTION_DAYS} sein (Tage, nach denen gespeicherte Fragen gelöscht werden)."
        )
    return days


MAX_OPARL_INTERVAL = 7 * 24 * 60


def _oparl_interval(value: Any) -> int:
    if value is None or value == "":
        return 30
    try:
        minutes = int(str(value).strip()) if not isinstance(value, bool) else -1
    except ValueError:
        minutes = -1
    if not 1 <= minutes <= MAX_OPARL_INTERVAL:
        raise ConfigError(
            "GREMIENBOT_OPARL_INTERVAL ([oparl] interval) muss eine ganze Zahl von 1 bis "
            f"{MAX_OPARL_INTERVAL} sein (Minuten zwischen zwei Abgleichen)."
        )
    return minutes


def _ics_feeds(value: Any) -> tuple[str, ...]:
    from scheduler.feeds import FeedError, parse_feeds

    if value is not None and not isinstance(value, str | list):
        value = str(value)
    try:
        return tuple(parse_feeds(value))
    except FeedError as exc:
        raise ConfigError(
            f"GREMIENBOT_ICS_FEEDS ([ics] feeds): {exc} (http(s)-Adressen, durch Komma oder "
            "Leerzeichen getrennt)."
        ) from exc


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"Konfigurationsdatei {path}: {exc.strerror or exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"Konfigurationsdatei {path} ist kein gültiges TOML: {exc}") from exc


def load_settings(
    env: Mapping[str, str] | None = None, config_file: Path | None = None
) -> Settings:
    """Settings from a TOML file (GREMIENBOT_CONFIG or `config_file`), overridden by the
    environment: TELEGRAM_BOT_TOKEN, TELEGRAM_API_URL, GREMIENBOT_DB, GREMIENBOT_ADMINS,
    GREMIENBOT_WEBHOOK_URL/_LISTEN/_PORT/_SECRET, GREMIENBOT_REMINDER_OFFSETS,
    GREMIENBOT_QUESTION_DAYS, GREMIENBOT_PRIVACY_CONTACT, GREMIENBOT_OPERATOR,
    GREMIENBOT_OPARL_URL,
    GREMIENBOT_OPARL_CONTACT, GREMIENBOT_OPARL_INTERVAL, GREMIENBOT_OPARL_MAX_FILE_MB,
    GREMIENBOT_ICS_FEEDS, GREMIENBOT_LOG_FORMAT (all listed in ENV_KEYS)."""
    env = os.environ if env is None else env
    path = config_file or (Path(env["GREMIENBOT_CONFIG"]) if env.get("GREMIENBOT_CONFIG") else None)
    data = _read_toml(path) if path else {}
    telegram = data.get("telegram", {})
    webhook = data.get("webhook", {})
    storage = data.get("storage", {})

    def pick(name: str, section: Mapping[str, Any], key: str) -> Any:
        return env.get(name) or section.get(key)

    port = pick("GREMIENBOT_WEBHOOK_PORT", webhook, "port") or 8443
    try:
        port = int(port)
    except (TypeError, ValueError) as exc:
        raise ConfigError("GREMIENBOT_WEBHOOK_PORT muss eine Zahl sein.") from exc
    db = pick("GREMIENBOT_DB", storage, "db")
    privacy = data.get("privacy", {})
    contact = str(pick("GREMIENBOT_PRIVACY_CONTACT", privacy, "contact") or "").strip()
    operator = str(pick("GREMIENBOT_OPERATOR", telegram, "operator") or "").strip()
    oparl = data.get("oparl", {})
    oparl_contact = str(pick("GREMIENBOT_OPARL_CONTACT", oparl, "contact") or "").strip()
    max_file = pick("GREMIENBOT_OPARL_MAX_FILE_MB", oparl, "max_file_mb") or 20
    try:
        max_file_mb = float(max_file)
    except (TypeError, ValueError) as exc:
        raise ConfigError("GREMIENBOT_OPARL_MAX_FILE_MB muss eine Zahl sein.") from exc
    if not 0 < max_file_mb <= 1024:
        raise ConfigError("GREMIENBOT_OPARL_MAX_FILE_MB muss zwischen 0 und 1024 liegen.")
    ics_feeds = _ics_feeds(pick("GREMIENBOT_ICS_FEEDS", data.get("ics", {}), "feeds"))
    log_format = str(pick("GREMIENBOT_LOG_FORMAT", data.get("log", {}), "format") or "text")
    log_format = log_format.strip().lower()
    if log_format not in LOG_FORMATS:
        raise ConfigError("GREMIENBOT_LOG_FORMAT muss text oder json sein.")
    return Settings(
        token=(pick("TELEGRAM_BOT_TOKEN", telegram, "token") or None),
        api_url=pick("TELEGRAM_API_URL", telegram, "api_url") or DEFAULT_API_URL,
        db_path=Path(db) if db else default_db_path(),
        admins=_admins(pick("GREMIENBOT_ADMINS", telegram, "admins")),
        webhook_url=pick("GREMIENBOT_WEBHOOK_URL", webhook, "url") or None,
        webhook_listen=pick("GREMIENBOT_WEBHOOK_LISTEN", webhook, "listen") or "127.0.0.1",
        webhook_port=port,
        webhook_secret=pick("GREMIENBOT_WEBHOOK_SECRET", webhook, "secret") or None,
        reminder_offsets=pick("GREMIENBOT_REMINDER_OFFSETS", data.get("reminders", {}), "offsets")
        or "7d,1d,2h",
        question_days=_question_days(pick("GREMIENBOT_QUESTION_DAYS", privacy, "question_days")),
        privacy_contact=" ".join(contact.split()) or None,
        operator=" ".join(operator.split()) or None,
        oparl_url=str(pick("GREMIENBOT_OPARL_URL", oparl, "url") or "").strip() or None,
        oparl_contact=" ".join(oparl_contact.split()) or None,
        oparl_interval=_oparl_interval(pick("GREMIENBOT_OPARL_INTERVAL", oparl, "interval")),
        oparl_max_file_mb=max_file_mb,
        ics_feeds=ics_feeds,
        log_format=log_format,
    )
