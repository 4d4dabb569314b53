"""Backup and restore end to end: `gremienbot backup` while `gremienbot run` is broadcasting
through the stand-in Bot API, `restore` refused while the bot runs, then restored after it
stopped; the outbox resumes from the backup's state."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from bot.database import SCHEMA_VERSION
from knowledge.store import open_db
from scheduler.calendar import Calendar
from scheduler.clock import SystemClock
from scheduler.outbox import IN_FLIGHT
from tests.botapi_server import FakeBotAPI
from tests.test_e2e_bot import start_bot, stop_bot
from tests.test_e2e_delivery import announcement_counts, queue_announcement

CHATS = range(7000, 7450)
TEXT = "Die Sitzung des Jugendhilfeausschusses fällt aus."


def cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def sent_chats(path: Path) -> set[int]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT chat_id FROM outbox WHERE status = 'sent'").fetchall()
    finally:
        conn.close()
    return {int(r[0]) for r in rows}


def test_backup_mid_broadcast_restore_and_the_outbox_resumes(tmp_path: Path) -> None:
    db = tmp_path / "bot.db"
    copy = tmp_path / "sicherung" / "gremienbot.db"
    queue_announcement(db, CHATS, TEXT)
    with FakeBotAPI() as server:
        proc = start_bot(server, db, tmp_path / "1.log")
        try:
            assert server.wait_for(
                lambda s: sum(announcement_counts(s, TEXT).values()) >= 60, timeout=60
            )
            delivered_before = set(announcement_counts(server, TEXT))
            made = cli(db, "backup", str(copy))
            delivered_after = set(announcement_counts(server, TEXT))
            assert made.returncode == 0, made.stderr
            assert f"Schemaversion {SCHEMA_VERSION}, integrity_check ok" in made.stdout
            # While the bot runs, restore is refused and changes nothing.
            refused = cli(db, "restore", str(copy))
            assert refused.returncode == 1
            assert "Ein Bot-Prozess (gremienbot run) nutzt" in refused.stderr
            assert len(refused.stderr.strip().splitlines()) == 1
        finally:
            stop_bot(proc)
        first_run = announcement_counts(server, TEXT)
        in_backup = sent_chats(copy)
        # A consistent snapshot from the middle of the broadcast: what was delivered before
        # the backup began is recorded there, up to the sends in flight; nothing is recorded
        # that had not been delivered when it ended.
        assert 0 < len(in_backup) < len(CHATS)
        assert len(delivered_before - in_backup) <= IN_FLIGHT
        assert in_backup <= delivered_after
        assert copy.stat().st_mode & 0o077 == 0  # readable by the owner only

        restored = cli(db, "restore", str(copy))
        assert restored.returncode == 0, restored.stderr
        assert sent_chats(db) == in_backup
        assert (tmp_path / "bot.db.before-restore").exists()

        proc = start_bot(server, db, tmp_path / "2.log")
        try:
            assert server.wait_for(
                lambda s: (
                    set(announcement_counts(s, TEXT)) == set(CHATS)
                    and Calendar(open_db(db), SystemClock()).status()["sent"] == len(CHATS)
                ),
                timeout=90,
            )
        finally:
            stop_bot(proc)
        counts = announcement_counts(server, TEXT)
    assert set(counts) == set(CHATS)  # nothing lost
    twice = {chat for chat, n in counts.items() if n > 1}
    assert max(counts.values()) <= 2
    # Repeated are exactly the chats the first run reached after the backup's snapshot (and
    # the sends in flight at it): none the backup had recorded as sent.
    assert twice == set(first_run) - in_backup
    assert not twice & in_backup
    status = Calendar(open_db(db), SystemClock()).status()
    assert status["pending"] == status["sending"] == 0
