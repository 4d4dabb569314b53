"""`gremienbot doctor` against the stand-in Bot API and the stand-in OParl server."""

from __future__ import annotations

import shutil
import socket
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from bot.cli import main
from bot.database import SCHEMA_VERSION
from tests.botapi_server import TOKEN, FakeBotAPI
from tests.oparl_server import FakeOParl

RELEASE = Path(__file__).parent / "data" / "release-0.1.0.db"


def doctor(env: dict[str, str], db: Path) -> tuple[int, list[str]]:
    base = {"GREMIENBOT_ADMINS": "99"}
    result = CliRunner().invoke(main, ["--db", str(db), "doctor"], env={**base, **env})
    return result.exit_code, result.output.strip().splitlines()


def line(lines: list[str], name: str) -> str:
    found = [entry for entry in lines if entry[2:].startswith(name + ":")]
    assert len(found) == 1, lines
    return found[0]


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # closed again when the block ends


def test_a_healthy_installation_passes_every_required_check(tmp_path: Path) -> None:
    db = tmp_path / "bot.db"
    shutil.copy(RELEASE, db)
    with FakeBotAPI() as api, FakeOParl() as oparl:
        oparl.generate()
        code, lines = doctor(
            {
                "TELEGRAM_BOT_TOKEN": TOKEN,
                "TELEGRAM_API_URL": api.base_url,
                "GREMIENBOT_OPARL_URL": oparl.system_url,
            },
            db,
        )
    assert code == 0, lines
    assert all(entry[0] in "✓✗" for entry in lines)
    assert line(lines, "Token").startswith("✓ Token: @")
    assert line(lines, "Datenbank") == (
        f"✓ Datenbank: {db}, intakt, Schemaversion 4 (wird beim Start auf {SCHEMA_VERSION} "
        "gebracht)"
    )
    assert line(lines, "OParl").startswith("✓ OParl: ")
    assert line(lines, "Webhook").startswith("✓ Webhook: keiner (Long Polling)")
    assert line(lines, "SQLite FTS5").startswith("✓")


def test_a_token_telegram_refuses_is_named_as_the_problem(tmp_path: Path) -> None:
    with FakeBotAPI() as api:
        code, lines = doctor(
            {
                "TELEGRAM_BOT_TOKEN": "654321:ANOTHER-token-abcdefghijklmnopqrstuvw",
                "TELEGRAM_API_URL": api.base_url,
            },
            tmp_path / "bot.db",
        )
    assert code == 1
    token = line(lines, "Token")
    assert token.startswith("✗ Token: Telegram lehnt den Token ab (401")
    assert "@BotFather" in token
    assert line(lines, "Datenbank").startswith("✓ Datenbank: ")  # the rest is still checked


def test_an_unreachable_oparl_url_fails_the_check(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{closed_port()}/oparl/system"
    with FakeBotAPI() as api:
        code, lines = doctor(
            {
                "TELEGRAM_BOT_TOKEN": TOKEN,
                "TELEGRAM_API_URL": api.base_url,
                "GREMIENBOT_OPARL_URL": url,
            },
            tmp_path / "bot.db",
        )
    assert code == 1
    oparl = line(lines, "OParl")
    assert oparl.startswith("✗ OParl: ")
    assert "nicht erreichbar" in oparl
    assert "GREMIENBOT_OPARL_URL" in oparl
    assert line(lines, "Token").startswith("✓")


def test_webhook_errors_telegram_reports_are_shown(tmp_path: Path) -> None:
    url = "https://bot.example.org/gremienbot/hook"
    with FakeBotAPI() as api:
        api.webhook = {"url": url}
        api.webhook_error = "Connection refused"
        api.user_message(5, "Hallo")  # one update waiting
        code, lines = doctor(
            {
                "TELEGRAM_BOT_TOKEN": TOKEN,
                "TELEGRAM_API_URL": api.base_url,
                "GREMIENBOT_WEBHOOK_URL": url,
                "GREMIENBOT_WEBHOOK_SECRET": "geheim-123",
            },
            tmp_path / "bot.db",
        )
    assert code == 1
    webhook = line(lines, "Webhook")
    assert webhook.startswith("✗ Webhook: letzter Fehler bei Telegram: Connection refused")
    assert "1 Update(s) wartend" in webhook
    assert line(lines, "Webhook-Einstellungen").startswith("✓")


def test_bad_configuration_and_a_newer_database_fail(tmp_path: Path) -> None:
    code, lines = doctor({"GREMIENBOT_QUESTION_DAYS": "0"}, tmp_path / "bot.db")
    assert code == 1
    assert lines[0].startswith("✗ Konfiguration: GREMIENBOT_QUESTION_DAYS")
    db = tmp_path / "newer.db"
    shutil.copy(RELEASE, db)
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with FakeBotAPI() as api:
        code, lines = doctor({"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": api.base_url}, db)
    assert code == 1
    assert line(lines, "Datenbank").startswith(f"✗ Datenbank: Die Datenbank {db} hat Schema")


def test_a_missing_token_is_a_failed_check_not_a_crash(tmp_path: Path) -> None:
    code, lines = doctor({"TELEGRAM_BOT_TOKEN": ""}, tmp_path / "bot.db")
    assert code == 1
    assert line(lines, "Token-Format").startswith("✗ Token-Format: TELEGRAM_BOT_TOKEN fehlt")
    assert line(lines, "Token").startswith("✗ Token: nicht geprüft")
