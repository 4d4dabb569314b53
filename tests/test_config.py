"""Settings from environment and TOML; the token is required for `run` and never logged."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import ConfigError, Settings, load_settings
from bot.logs import RedactingFormatter

TOKEN = "123456:TEST-token-abcdefghijklmnopqrstuvwxyz"


def test_environment_settings() -> None:
    s = load_settings(
        {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "GREMIENBOT_ADMINS": "12, 34 ;56",
            "TELEGRAM_API_URL": "http://127.0.0.1:9/bot",
            "GREMIENBOT_DB": "/tmp/x.db",
        }
    )
    assert s.require_token() == TOKEN
    assert s.admins == frozenset({12, 34, 56})
    assert s.api_url == "http://127.0.0.1:9/bot"
    assert s.db_path == Path("/tmp/x.db")
    assert TOKEN not in repr(s)


def test_toml_file_with_environment_overrides(tmp_path: Path) -> None:
    f = tmp_path / "bot.toml"
    f.write_text(
        f'[telegram]\ntoken = "{TOKEN}"\nadmins = [7, 8]\n[storage]\ndb = "/srv/g.db"\n'
        '[webhook]\nurl = "https://bot.example.de/telegram"\nport = 8444\n'
    )
    s = load_settings({"GREMIENBOT_ADMINS": "9"}, config_file=f)
    assert s.token == TOKEN
    assert s.admins == frozenset({9})
    assert s.db_path == Path("/srv/g.db")
    assert (s.webhook_url, s.webhook_port) == ("https://bot.example.de/telegram", 8444)


def test_oparl_interval_in_minutes(tmp_path: Path) -> None:
    assert load_settings({}).oparl_interval == 30
    assert load_settings({"GREMIENBOT_OPARL_INTERVAL": "15"}).oparl_interval == 15
    f = tmp_path / "bot.toml"
    f.write_text('[oparl]\nurl = "https://ris.example.de/oparl/v1"\ninterval = 60\n')
    assert load_settings({}, config_file=f).oparl_interval == 60


@pytest.mark.parametrize("env", [{}, {"TELEGRAM_BOT_TOKEN": "nope"}, {"TELEGRAM_BOT_TOKEN": "1:x"}])
def test_missing_or_malformed_token(env: dict[str, str]) -> None:
    with pytest.raises(ConfigError, match="TELEGRAM_BOT_TOKEN"):
        load_settings(env).require_token()


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"GREMIENBOT_ADMINS": "12,abc"}, "GREMIENBOT_ADMINS"),
        ({"GREMIENBOT_WEBHOOK_PORT": "x"}, "PORT"),
        ({"GREMIENBOT_CONFIG": "/nonexistent/bot.toml"}, "Konfigurationsdatei"),
        ({"GREMIENBOT_OPARL_INTERVAL": "0"}, "GREMIENBOT_OPARL_INTERVAL"),
        ({"GREMIENBOT_OPARL_INTERVAL": "halbstündlich"}, "GREMIENBOT_OPARL_INTERVAL"),
    ],
)
def test_bad_settings_are_one_clear_error(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings(env)


@pytest.mark.parametrize("token", ["", "not-a-token"])
def test_run_without_valid_token_exits_2_without_traceback(tmp_path: Path, token: str) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "TELEGRAM_BOT_TOKEN": token}
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "--db", str(tmp_path / "x.db"), "run"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1
    assert proc.stderr.startswith("Fehler: TELEGRAM_BOT_TOKEN")
    assert "Traceback" not in proc.stderr


def test_secrets_are_redacted_from_log_lines() -> None:
    formatter = RedactingFormatter("%(message)s", Settings(token=TOKEN).secrets())
    record = logging.LogRecord(
        "httpx",
        logging.INFO,
        __file__,
        1,
        "POST https://api.telegram.org/bot%s/getMe",
        (TOKEN,),
        None,
    )
    assert formatter.format(record) == "POST https://api.telegram.org/bot<redacted>/getMe"
