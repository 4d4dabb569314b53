"""`gremienbot doctor`: is this installation ready to run? One line per check, ✓ or ✗ with
what to do; the exit code is 0 only when every required check passes.

Required: the configuration, the token (getMe), the database, and, when configured, the OParl
URL and the webhook. Optional (✗ marked "optional", exit code unaffected): OCR for scanned
PDFs, staff ids."""

from __future__ import annotations

import asyncio
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from bot import database
from bot.config import ConfigError, Settings

TIMEOUT = 10.0  # seconds per request: a check that hangs is a failed check


@dataclass(frozen=True)
class Check:
    """One line of the report."""

    name: str
    ok: bool
    text: str
    required: bool = True

    def line(self) -> str:
        """'✓ Token: @bot' or '✗ Token: … → what to do'."""
        mark = "✓" if self.ok else "✗"
        optional = " (optional)" if not self.ok and not self.required else ""
        return f"{mark} {self.name}: {self.text}{optional}"


def check_config(settings: Settings | None, error: str | None) -> list[Check]:
    """The configuration as loaded; the token's form; the webhook's URL and secret."""
    if settings is None:
        return [Check("Konfiguration", False, f"{error} → Wert korrigieren.")]
    out = [Check("Konfiguration", True, "gelesen")]
    try:
        settings.require_token()
        out.append(Check("Token-Format", True, "Zahl:Zeichenfolge"))
    except ConfigError as exc:
        out.append(Check("Token-Format", False, str(exc)))
    if settings.webhook_url:
        try:
            path = settings.require_webhook()
            out.append(
                Check(
                    "Webhook-Einstellungen",
                    True,
                    f"{settings.webhook_url} → lauscht auf "
                    f"{settings.webhook_listen}:{settings.webhook_port}{path}",
                )
            )
        except ConfigError as exc:
            out.append(Check("Webhook-Einstellungen", False, str(exc)))
    if settings.admins:
        out.append(Check("Mitarbeitende", True, f"{len(settings.admins)} Telegram-ID(s)"))
    else:
        out.append(
            Check(
                "Mitarbeitende",
                False,
                "GREMIENBOT_ADMINS ist leer: niemand kann Dokumente senden oder Termine "
                "pflegen → Telegram-IDs der Mitarbeitenden eintragen",
                required=False,
            )
        )
    return out


def _bot_api(settings: Settings, method: str) -> tuple[int, dict[str, Any]]:
    url = f"{settings.api_url.rstrip('/')}{settings.token}/{method}"
    response = httpx.post(url, timeout=TIMEOUT)
    try:
        payload = response.json()
    except ValueError:
        payload = {}
    return response.status_code, payload if isinstance(payload, dict) else {}


def check_telegram(settings: Settings) -> list[Check]:
    """getMe (is the token accepted?) and getWebhookInfo (pending updates, last error)."""
    try:
        settings.require_token()
    except ConfigError:
        return [Check("Token", False, "nicht geprüft (Token fehlt oder hat die falsche Form)")]
    try:
        status, me = _bot_api(settings, "getMe")
    except httpx.HTTPError as exc:
        return [
            Check(
                "Token",
                False,
                f"Telegram-API {settings.api_url} nicht erreichbar ({type(exc).__name__}) "
                "→ Netz, Proxy oder Firewall prüfen",
            )
        ]
    if status in (401, 404):
        return [
            Check(
                "Token",
                False,
                f"Telegram lehnt den Token ab ({status} {me.get('description', '')}) "
                "→ bei @BotFather mit /token einen gültigen Token holen und "
                "TELEGRAM_BOT_TOKEN setzen",
            )
        ]
    if status != 200 or not me.get("ok"):
        return [Check("Token", False, f"getMe: HTTP {status} {me.get('description', '')}")]
    user = me.get("result") or {}
    out = [Check("Token", True, f"@{user.get('username')} (id {user.get('id')})")]
    try:
        status, info = _bot_api(settings, "getWebhookInfo")
    except httpx.HTTPError as exc:
        return [*out, Check("Webhook", False, f"getWebhookInfo: {type(exc).__name__}")]
    out.append(webhook_check(settings, info.get("result") or {}))
    return out


def webhook_check(settings: Settings, info: dict[str, Any]) -> Check:
    """What Telegram says about the webhook, measured against the configured mode."""
    url = str(info.get("url") or "")
    pending = int(info.get("pending_update_count") or 0)
    error = str(info.get("last_error_message") or "")
    if not settings.webhook_url:
        if url:
            return Check(
                "Webhook",
                True,
                f"bei Telegram ist noch {url} eingetragen; `gremienbot run` (Long Polling) "
                "löscht ihn beim Start",
            )
        return Check("Webhook", True, f"keiner (Long Polling); {pending} Update(s) wartend")
    if not url:
        return Check(
            "Webhook",
            True,
            "noch nicht bei Telegram eingetragen: `gremienbot run` trägt ihn beim Start ein",
        )
    if url != settings.webhook_url:
        return Check(
            "Webhook",
            False,
            f"bei Telegram steht {url}, konfiguriert ist {settings.webhook_url} "
            "→ Bot neu starten (trägt die konfigurierte Adresse ein)",
        )
    if error:
        return Check(
            "Webhook",
            False,
            f"letzter Fehler bei Telegram: {error}; {pending} Update(s) wartend "
            "→ Reverse Proxy, Zertifikat und ob der Bot läuft prüfen",
        )
    return Check("Webhook", True, f"{url}; {pending} Update(s) wartend")


def _fts5() -> bool:
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        conn.close()


def check_database(path: Path) -> list[Check]:
    """FTS5 in this Python's SQLite; the file writable, intact, of a version this code can
    open (read without changing anything)."""
    out = [
        Check("SQLite FTS5", True, sqlite3.sqlite_version)
        if _fts5()
        else Check("SQLite FTS5", False, "fehlt in Pythons SQLite → Python mit FTS5 nutzen")
    ]
    folder = path.parent
    if not path.exists():
        writable = folder.is_dir() and os.access(folder, os.W_OK)
        if writable or not folder.exists():
            return [*out, Check("Datenbank", True, f"{path} wird beim ersten Start angelegt")]
        return [*out, Check("Datenbank", False, f"Ordner {folder} nicht beschreibbar")]
    if not (os.access(path, os.W_OK) and os.access(folder, os.W_OK)):
        return [
            *out,
            Check(
                "Datenbank",
                False,
                f"{path} (oder ihr Ordner) ist nicht beschreibbar → Besitzer/Rechte für den "
                "Dienstbenutzer setzen",
            ),
        ]
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
        try:
            version = database.identify(conn, path)
            problem = database.integrity_problem(conn)
        finally:
            conn.close()
    except database.SchemaError as exc:
        return [*out, Check("Datenbank", False, str(exc))]
    except sqlite3.DatabaseError as exc:
        return [
            *out,
            Check("Datenbank", False, f"{path}: {exc} → Sicherung mit `gremienbot restore`"),
        ]
    if problem:
        return [
            *out,
            Check(
                "Datenbank",
                False,
                f"{path} beschädigt ({problem}) → Sicherung mit `gremienbot restore` zurückspielen",
            ),
        ]
    newest = database.SCHEMA_VERSION
    later = "" if version == newest else f" (wird beim Start auf {newest} gebracht)"
    return [*out, Check("Datenbank", True, f"{path}, intakt, Schemaversion {version}{later}")]


def check_ocr() -> Check:
    """Tesseract with its German model (scanned PDFs)."""
    from knowledge.ocr import OcrUnavailable, check_tesseract

    try:
        check_tesseract()
    except OcrUnavailable as exc:
        return Check("OCR", False, str(exc), required=False)
    return Check("OCR", True, "tesseract mit deutschem Modell")


def check_oparl(settings: Settings) -> Check | None:
    """The OParl URL answers as an OParl System or Body (when configured)."""
    if not settings.oparl_url:
        return None
    from bot.oparl.client import FetchError, OParlClient

    async def fetch() -> Any:
        async with OParlClient(contact=settings.oparl_contact, retries=0, timeout=TIMEOUT) as c:
            return await c.get_json(settings.oparl_url or "")

    try:
        found = asyncio.run(fetch())
    except FetchError as exc:
        return Check("OParl", False, f"{exc} → GREMIENBOT_OPARL_URL prüfen")
    kind = found.get("type") if isinstance(found, dict) else None
    if not isinstance(kind, str) or not kind.rstrip("/").endswith(("/System", "/Body")):
        return Check(
            "OParl",
            False,
            f"{settings.oparl_url} ist kein OParl-System und keine Körperschaft (Body) "
            "→ die OParl-Adresse aus dem Ratsinformationssystem eintragen",
        )
    return Check("OParl", True, f"{settings.oparl_url} ({kind.rstrip('/').rsplit('/', 1)[-1]})")


def check_ics_feeds(settings: Settings) -> list[Check]:
    """Each configured ICS feed answers with a readable calendar (nothing is stored)."""
    from scheduler.feeds import FeedError, fetch_ics
    from scheduler.ics import IcsError, import_ics

    out = []
    for url in settings.ics_feeds:
        try:
            found = import_ics(fetch_ics(url, timeout=TIMEOUT), refused=[])
        except (FeedError, IcsError) as exc:
            out.append(Check("ICS-Feed", False, f"{exc} → GREMIENBOT_ICS_FEEDS prüfen"))
            continue
        out.append(Check("ICS-Feed", True, f"{url}: {len(found)} Termine lesbar"))
    return out


def run_checks(settings: Settings | None, *, config_error: str | None = None) -> list[Check]:
    """Every check, in the order they are printed."""
    checks = check_config(settings, config_error)
    if settings is None:
        return checks
    checks += check_telegram(settings)
    checks += check_database(settings.db_path)
    checks.append(check_ocr())
    oparl = check_oparl(settings)
    if oparl is not None:
        checks.append(oparl)
    checks += check_ics_feeds(settings)
    return checks


def healthy(checks: list[Check]) -> bool:
    """Whether every required check passed."""
    return all(c.ok for c in checks if c.required)
