"""End to end: `gremienbot run` as a subprocess against the stand-in Bot API on 127.0.0.1."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.botapi_server import FakeBotAPI

STARTUP = 60.0  # seconds: Python start, word list, vocabulary


@pytest.fixture
def server() -> Iterator[FakeBotAPI]:
    api = FakeBotAPI()
    api.start()
    yield api
    api.stop()


def polling(server: FakeBotAPI) -> bool:
    """Started in polling mode: getUpdates answered."""
    return any(c.method == "getUpdates" and c.status == 200 for c in server.snapshot())


def start_bot(
    server: FakeBotAPI,
    db: Path,
    log: Path,
    *extra_env: tuple[str, str],
    ready: Callable[[FakeBotAPI], bool] = polling,
) -> subprocess.Popen[bytes]:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "GREMIENBOT_"))},
        "TELEGRAM_BOT_TOKEN": server.token,
        "TELEGRAM_API_URL": server.base_url,
        "GREMIENBOT_DB": str(db),
        "GREMIENBOT_ADMINS": "99",
        **dict(extra_env),
    }
    with log.open("ab") as stderr:  # the child keeps its own copy of the descriptor
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "-v", "run"],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env=env,
        )
    started = server.wait_for(lambda s: ready(s) or proc.poll() is not None, timeout=STARTUP)
    if not started or proc.poll() is not None:
        proc.kill()
        pytest.fail("bot did not start: " + log.read_text(errors="replace")[-2000:])
    return proc


def stop_bot(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture
def bot(
    server: FakeBotAPI, demo_db_file: Path, tmp_path: Path
) -> Iterator[tuple[FakeBotAPI, Path]]:
    db = tmp_path / "bot.db"
    shutil.copy(demo_db_file, db)
    log = tmp_path / "bot.log"
    proc = start_bot(server, db, log)
    yield server, log
    stop_bot(proc)


def texts(server: FakeBotAPI, chat_id: int) -> list[str]:
    return [m.get("text", "") for m in server.sent(chat_id)]


def test_question_answer_and_buttons_through_real_http(bot: tuple[FakeBotAPI, Path]) -> None:
    server, _log = bot
    server.user_message(501, "Wann ist die Siegelverleihung 2020?")
    assert server.wait_for(lambda s: len(s.sent(501)) >= 1)
    answer = server.sent(501)[0]
    assert "03.09.2020" in answer["text"]
    buttons = [b for row in answer["reply_markup"]["inline_keyboard"] for b in row]
    passage = next(b for b in buttons if b["text"] == "Ganze Passage")
    server.press_button(501, answer["message_id"], passage["callback_data"])
    assert server.wait_for(lambda s: len(s.sent(501)) >= 2)
    assert texts(server, 501)[1].startswith("Die ganze Passage")
    refused = [c for c in server.snapshot() if c.status >= 400]
    assert refused == []


def test_sixty_members_at_once_all_get_an_answer(bot: tuple[FakeBotAPI, Path]) -> None:
    server, _ = bot
    members = range(1000, 1060)
    for user in members:
        server.user_message(user, "Was ist KIM?")
    assert server.wait_for(lambda s: all(s.sent(u) for u in members), timeout=60)
    assert all("Kommunale Integrationsmanagement" in texts(server, u)[0] for u in members)


def test_hostile_input_and_the_bot_keeps_running(bot: tuple[FakeBotAPI, Path]) -> None:
    server, _ = bot
    nasty = [
        "<script>alert(1)</script> & <b>",
        '"*:^()NEAR AND OR -',
        "x" * 5000,
        "😀" * 100,
        "'; DROP TABLE passages; --",
    ]
    for i, text in enumerate(nasty):
        server.user_message(700 + i, text)
    assert server.wait_for(lambda s: all(s.sent(700 + i) for i in range(len(nasty))), timeout=30)
    server.user_message(799, "Wer leitet das KI?")
    assert server.wait_for(lambda s: bool(s.sent(799)), timeout=30)
    assert "Dinstühler" in texts(server, 799)[0]
    assert [c for c in server.snapshot() if c.status == 400] == []


def test_the_token_never_appears_in_the_log(bot: tuple[FakeBotAPI, Path]) -> None:
    server, log = bot
    server.user_message(888, "/dokumente")
    assert server.wait_for(lambda s: bool(s.sent(888)))
    text = log.read_text(errors="replace")
    assert "ready" in text  # the log is really written (verbose)
    assert server.token not in text
    assert server.token.split(":")[1] not in text


def test_commands_registered_in_both_languages(bot: tuple[FakeBotAPI, Path]) -> None:
    server, _ = bot
    calls = [c for c in server.snapshot() if c.method == "setMyCommands"]
    langs = sorted(str(c.params.get("language_code", "")) for c in calls)
    assert langs == ["", "en"]
    commands = (
        json.loads(calls[0].params["commands"])
        if isinstance(calls[0].params["commands"], str)
        else calls[0].params["commands"]
    )
    assert {c["command"] for c in commands} >= {"start", "frage"} or {
        c["command"] for c in commands
    } >= {"start", "ask"}


def test_restart_answers_a_stale_button_politely(
    server: FakeBotAPI, demo_db_file: Path, tmp_path: Path
) -> None:
    db = tmp_path / "bot.db"
    shutil.copy(demo_db_file, db)
    proc = start_bot(server, db, tmp_path / "1.log")
    server.user_message(321, "Was ist KIM?")
    assert server.wait_for(lambda s: bool(s.sent(321)))
    first = server.sent(321)[0]
    stop_bot(proc)
    # New documents arrive while the bot is down, then it starts again.
    note = tmp_path / "neu.txt"
    note.write_text("Die Jury tagt am 21.11.2019 im Kreishaus.\n")
    subprocess.run(
        [sys.executable, "-m", "bot", "--db", str(db), "ingest", str(note)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    proc = start_bot(server, db, tmp_path / "2.log")
    try:
        doc = next(
            b
            for row in first["reply_markup"]["inline_keyboard"]
            for b in row
            if b["text"] == "Dokument"
        )
        server.press_button(321, first["message_id"], doc["callback_data"])
        assert server.wait_for(
            lambda s: any(
                c.method == "answerCallbackQuery" and c.status == 200 for c in s.snapshot()
            ),
            timeout=30,
        )
        answers = [c for c in server.snapshot() if c.method == "answerCallbackQuery"]
        assert "nicht mehr aktuell" in str(answers[-1].params.get("text"))
    finally:
        stop_bot(proc)
