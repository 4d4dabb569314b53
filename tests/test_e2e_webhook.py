"""Webhook mode end to end: `gremienbot run` as a subprocess with GREMIENBOT_WEBHOOK_URL set,
against the stand-in Bot API. The test plays the reverse proxy: it POSTs updates to the bot's
local port at the path of the public URL, with and without the right secret."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

from click.testing import CliRunner

from bot.cli import main
from tests.botapi_server import FakeBotAPI
from tests.test_e2e_bot import start_bot, stop_bot, texts

PUBLIC_URL = "https://bot.example.org/gremienbot/hook"
SECRET = "Kreis-Geheimnis_2024-abcdefghijklmnop"
HEADER = "X-Telegram-Bot-Api-Secret-Token"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def post(port: int, path: str, update: dict[str, object], secret: str | None) -> int:
    """POST an update as Telegram (through the proxy) does; the HTTP status."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        data=json.dumps(update).encode(),
        headers={"Content-Type": "application/json", **({HEADER: secret} if secret else {})},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def webhook_env(port: int, secret: str = SECRET) -> list[tuple[str, str]]:
    return [
        ("GREMIENBOT_WEBHOOK_URL", PUBLIC_URL),
        ("GREMIENBOT_WEBHOOK_LISTEN", "127.0.0.1"),
        ("GREMIENBOT_WEBHOOK_PORT", str(port)),
        ("GREMIENBOT_WEBHOOK_SECRET", secret),
    ]


def test_webhook_mode_answers_updates_with_the_secret_and_refuses_the_rest(
    demo_db_file: Path, tmp_path: Path
) -> None:
    db = tmp_path / "bot.db"
    shutil.copy(demo_db_file, db)
    log = tmp_path / "bot.log"
    port = free_port()
    with FakeBotAPI() as server:
        proc = start_bot(
            server,
            db,
            log,
            *webhook_env(port),
            ready=lambda s: bool(s.webhook) and listening(port),
        )
        try:
            # setWebhook as Telegram needs it: the public URL, the secret, the update kinds.
            assert server.webhook == {
                "url": PUBLIC_URL,
                "secret_token": SECRET,
                "allowed_updates": ["message", "callback_query"],
            }
            # Wrong or missing secret: 403, and the update is never handled.
            wrong = server.message_update(601, "Was ist KIM?")
            assert post(port, "/gremienbot/hook", wrong, "falsches-Geheimnis") == 403
            missing = server.message_update(602, "Was ist KIM?")
            assert post(port, "/gremienbot/hook", missing, None) == 403
            # Another path than the public URL's is not the webhook.
            other = server.message_update(603, "Was ist KIM?")
            assert post(port, "/telegram", other, SECRET) == 404
            # With the secret: answered, the reply arrives at the Bot API.
            good = server.message_update(604, "Was ist KIM?")
            assert post(port, "/gremienbot/hook", good, SECRET) == 200
            assert server.wait_for(lambda s: bool(s.sent(604)), timeout=30)
            assert "Kommunale Integrationsmanagement" in texts(server, 604)[0]
            # A button under that answer, through the webhook too.
            answer = server.sent(604)[0]
            passage = next(
                b
                for row in answer["reply_markup"]["inline_keyboard"]
                for b in row
                if b["text"] == "Ganze Passage"
            )
            button = server.button_update(604, answer["message_id"], passage["callback_data"])
            assert post(port, "/gremienbot/hook", button, SECRET) == 200
            assert server.wait_for(lambda s: len(s.sent(604)) >= 2, timeout=30)
        finally:
            stop_bot(proc)
        assert server.sent(601) == server.sent(602) == server.sent(603) == []
        assert not any(c.method == "getUpdates" for c in server.snapshot())  # no polling
    text = log.read_text(errors="replace")
    assert "webhook https://bot.example.org/gremienbot/hook" in text  # the log is written
    assert SECRET not in text
    assert server.token.split(":")[1] not in text


def test_polling_after_webhook_mode_deletes_the_webhook_first(
    demo_db_file: Path, tmp_path: Path
) -> None:
    db = tmp_path / "bot.db"
    shutil.copy(demo_db_file, db)
    log = tmp_path / "bot.log"
    with FakeBotAPI() as server:
        server.webhook = {"url": PUBLIC_URL, "secret_token": SECRET, "allowed_updates": None}
        # The secret is configured (unused in polling mode) and must not show in JSON logs.
        proc = start_bot(
            server,
            db,
            log,
            ("GREMIENBOT_LOG_FORMAT", "json"),
            ("GREMIENBOT_WEBHOOK_SECRET", SECRET),
        )
        try:
            server.user_message(611, "Was ist KIM?")
            assert server.wait_for(lambda s: bool(s.sent(611)), timeout=30)
        finally:
            stop_bot(proc)
        methods = [c.method for c in server.snapshot()]
        assert "deleteWebhook" in methods
        assert methods.index("deleteWebhook") < methods.index("getUpdates")
        assert [c for c in server.snapshot() if c.status == 409] == []
        assert server.webhook == {}
    lines = log.read_text(errors="replace").splitlines()
    events = [json.loads(entry) for entry in lines]  # every line is one JSON object
    assert any("ready" in e["message"] for e in events)
    assert {"time", "level", "logger", "message"} <= set(events[0])
    assert SECRET not in log.read_text(errors="replace")
    assert server.token.split(":")[1] not in log.read_text(errors="replace")


def test_the_stand_in_refuses_getupdates_while_a_webhook_is_set() -> None:
    with FakeBotAPI() as server:
        server.webhook = {"url": PUBLIC_URL}
        url = f"{server.base_url}{server.token}/getUpdates"
        try:
            urllib.request.urlopen(urllib.request.Request(url, data=b""), timeout=5)
            status = 200
        except urllib.error.HTTPError as exc:
            status = exc.code
        assert status == 409


def run_cli(env: dict[str, str], tmp_path: Path) -> tuple[int, str]:
    base = {
        "TELEGRAM_BOT_TOKEN": "123456:TEST-token-abcdefghijklmnopqrstuvwxyz",
        "TELEGRAM_API_URL": "http://127.0.0.1:9/bot",  # never reached: refused before
        "GREMIENBOT_DB": str(tmp_path / "bot.db"),
    }
    result = CliRunner().invoke(main, ["run"], env={**base, **env})
    return result.exit_code, result.output


def test_webhook_mode_without_a_secret_refuses_to_start_with_one_line(tmp_path: Path) -> None:
    code, output = run_cli({"GREMIENBOT_WEBHOOK_URL": PUBLIC_URL}, tmp_path)
    assert code == 2
    lines = output.strip().splitlines()
    assert len(lines) == 1
    assert "GREMIENBOT_WEBHOOK_SECRET fehlt" in lines[0]
    assert "token_urlsafe" in lines[0]  # and how to make one


def test_webhook_settings_telegram_would_refuse_are_named(tmp_path: Path) -> None:
    cases = {
        "http://bot.example.org/hook": "https",
        "https://bot.example.org:8080/hook": "Ports",
    }
    for url, expected in cases.items():
        code, output = run_cli(
            {"GREMIENBOT_WEBHOOK_URL": url, "GREMIENBOT_WEBHOOK_SECRET": SECRET}, tmp_path
        )
        assert (code, len(output.strip().splitlines())) == (2, 1), output
        assert expected in output
    code, output = run_cli(
        {"GREMIENBOT_WEBHOOK_URL": PUBLIC_URL, "GREMIENBOT_WEBHOOK_SECRET": "mit Leerzeichen"},
        tmp_path,
    )
    assert code == 2
    assert "A-Z, a-z, 0-9" in output


def test_a_token_telegram_refuses_stops_run_with_one_line(tmp_path: Path) -> None:
    with FakeBotAPI() as server:
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "GREMIEN"))},
            "TELEGRAM_BOT_TOKEN": "654321:ANOTHER-token-abcdefghijklmnopqrstuvw",
            "TELEGRAM_API_URL": server.base_url,
            "GREMIENBOT_DB": str(tmp_path / "bot.db"),
        }
        proc = subprocess.run(
            [sys.executable, "-m", "bot", "run"],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert lines[-1] == (
        "Fehler: Telegram lehnt den Token ab: TELEGRAM_BOT_TOKEN prüfen (gremienbot doctor)."
    )
    assert "Traceback" not in proc.stderr
    assert "Invalid token" in lines[-2]  # PTB's own line, without its traceback
