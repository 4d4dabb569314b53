"""The deployment recipe under deploy/ matches the code: the units' ExecStart are valid
`gremienbot` command lines, the environment file lists exactly the keys the configuration
reads (and the README's configuration table names them all), the proxy examples forward the
webhook URL's path to the port the environment file sets."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from urllib.parse import urlsplit

import click
import pytest

from bot.cli import main
from bot.config import ENV_KEYS, load_settings

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"


def unit(name: str) -> dict[str, dict[str, list[str]]]:
    """A systemd unit file: section -> key -> values (keys may repeat)."""
    sections: dict[str, dict[str, list[str]]] = {}
    current: dict[str, list[str]] = {}
    for raw in (DEPLOY / name).read_text(encoding="utf-8").splitlines():
        text = raw.strip()
        if not text or text.startswith(("#", ";")):
            continue
        if text.startswith("["):
            current = sections.setdefault(text.strip("[]"), {})
            continue
        key, _, value = text.partition("=")
        current.setdefault(key.strip(), []).append(value.strip())
    return sections


def env_example() -> dict[str, str]:
    """KEY -> value of every line of the example, commented or not."""
    out: dict[str, str] = {}
    for text in (DEPLOY / "gremienbot.env.example").read_text(encoding="utf-8").splitlines():
        found = re.match(r"^#?([A-Z][A-Z0-9_]+)=(.*)$", text)
        if found:
            assert found.group(1) not in out, f"{found.group(1)} twice"
            out[found.group(1)] = found.group(2)
    return out


def check_command_line(exec_start: str) -> str:
    """Parse ExecStart as the CLI would (without running it); the subcommand's name."""
    program, *args = shlex.split(exec_start)
    assert program.endswith("/bin/gremienbot")
    at = next(i for i, arg in enumerate(args) if arg in main.commands)
    name = args[at]
    # Both raise click.UsageError on an unknown option or a missing argument.
    ctx = main.make_context("gremienbot", [*args[:at], name])
    main.commands[name].make_context(name, args[at + 1 :], parent=ctx)
    return name


def test_a_wrong_command_line_would_be_noticed() -> None:
    with pytest.raises(click.UsageError):
        check_command_line("/opt/gremienbot/venv/bin/gremienbot backup --kep 14 /var/backups")
    with pytest.raises(click.UsageError):
        check_command_line("/opt/gremienbot/venv/bin/gremienbot --dbx x run")


@pytest.mark.parametrize(
    ("name", "subcommand"),
    [("gremienbot.service", "run"), ("gremienbot-backup.service", "backup")],
)
def test_the_units_run_real_commands_as_an_unprivileged_user(name: str, subcommand: str) -> None:
    service = unit(name)["Service"]
    (exec_start,) = service["ExecStart"]
    assert check_command_line(exec_start) == subcommand
    assert service["User"] not in (["root"], ["0"])
    assert service["EnvironmentFile"] == ["/etc/gremienbot/gremienbot.env"]
    (state,) = service["StateDirectory"]
    db = dict(v.split("=", 1) for v in service["Environment"])["GREMIENBOT_DB"]
    assert db.startswith(f"/var/lib/{state}/")
    assert set(load_settings({"GREMIENBOT_DB": db}).db_path.parts) >= {state}


def test_the_bot_unit_restarts_on_failure_but_not_on_a_configuration_error() -> None:
    service = unit("gremienbot.service")["Service"]
    assert service["Restart"] == ["on-failure"]
    assert service["RestartPreventExitStatus"] == ["2"]  # `run` exits 2 on bad settings
    assert unit("gremienbot-backup.timer")["Timer"]["OnCalendar"]


def test_the_environment_file_lists_exactly_the_keys_the_configuration_reads() -> None:
    assert set(env_example()) == set(ENV_KEYS)
    config_source = (ROOT / "bot" / "config.py").read_text(encoding="utf-8")
    read = set(re.findall(r'"((?:TELEGRAM|GREMIENBOT)_[A-Z0-9_]+)"', config_source))
    assert read == set(ENV_KEYS)
    # The example's values are accepted by the configuration as they stand, with the
    # commented webhook lines switched on.
    values = {k: v for k, v in env_example().items() if k != "GREMIENBOT_CONFIG"}
    settings = load_settings(values)
    assert settings.require_token()
    assert settings.require_webhook() == "/gremienbot/hook"


def test_the_readme_configuration_table_names_every_key() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Configuration", 1)[1].split("\n\n", 2)[2].split("\n\n", 1)[0]
    listed = set(re.findall(r"^\| `([A-Z0-9_]+)`", table, flags=re.M))
    assert listed == set(ENV_KEYS)


@pytest.mark.parametrize("name", ["Caddyfile", "nginx-gremienbot.conf"])
def test_the_proxy_examples_forward_the_webhook_path_to_the_bot(name: str) -> None:
    env = env_example()
    url = urlsplit(env["GREMIENBOT_WEBHOOK_URL"])
    text = (DEPLOY / name).read_text(encoding="utf-8")
    assert url.hostname in text
    assert re.search(rf"(handle|location =) {re.escape(url.path)} {{", text)
    target = f"{env['GREMIENBOT_WEBHOOK_LISTEN']}:{env['GREMIENBOT_WEBHOOK_PORT']}"
    assert re.search(rf"(reverse_proxy |proxy_pass http://){re.escape(target)};?\n", text)
