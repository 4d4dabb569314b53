"""The database's schema version: a file written by the release (tests/data/release-0.1.0.db,
made by scripts/make_schema_fixture.py from commit b19f718) opens and works after the
migrations of later changes; a newer file is refused with one line; a failing step leaves
the database as it was; backup and restore check what they are given."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot import database
from bot.backup import BackupError, backup, restore
from bot.cli import main
from knowledge import store
from knowledge.base import KnowledgeBase
from scheduler.calendar import Calendar
from tests.fakes import FakeClock

RELEASE = Path(__file__).parent / "data" / "release-0.1.0.db"


@pytest.fixture
def release_db(tmp_path: Path) -> Path:
    path = tmp_path / "gremienbot.db"
    shutil.copy(RELEASE, path)
    return path


def pragma(path: Path, name: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(f"PRAGMA {name}").fetchone()[0])
    finally:
        conn.close()


def test_the_release_fixture_is_what_the_release_wrote() -> None:
    assert pragma(RELEASE, "user_version") == 4  # before the database had one version
    assert pragma(RELEASE, "application_id") == 0


def test_a_release_database_opens_and_works_after_the_migrations(release_db: Path) -> None:
    db = database.open_db(release_db)
    assert db.conn.execute("PRAGMA user_version").fetchone()[0] == database.SCHEMA_VERSION
    assert db.conn.execute("PRAGMA application_id").fetchone()[0] == database.APPLICATION_ID
    tables = {r[0] for r in db.conn.execute("SELECT name FROM sqlite_master")}
    assert {"pending_uploads", "oparl_runs", "outbox", "bot_questions"} <= tables
    # Its document answers, its event and queued messages are still there and usable.
    answer = KnowledgeBase(db).ask("Wer trägt die Kosten der Sprachkurse?")
    assert answer.answered
    assert "18.000 Euro" in answer.hits[0].text
    clock = FakeClock(datetime(2025, 1, 15, 10, 0, tzinfo=UTC))
    cal = Calendar(db, clock)
    assert [e.title for e in cal.upcoming(limit=10)] == ["Sitzung des Integrationsrates"]
    assert cal.status()["pending"] == 8  # 6 reminders + 2 announcement messages
    assert db.conn.execute("SELECT question FROM bot_questions").fetchall() == [
        ("Wer trägt die Kosten?",)
    ]
    cal.subscribe_all(503, user_id=503, language="de")  # and it takes new data
    db.conn.close()
    # Opening again changes nothing.
    again = database.open_db(release_db)
    assert again.conn.execute("PRAGMA user_version").fetchone()[0] == database.SCHEMA_VERSION


def test_the_command_line_reads_a_release_database(release_db: Path) -> None:
    result = CliRunner().invoke(main, ["--db", str(release_db), "events", "--json"])
    assert result.exit_code == 0, result.output
    assert [e["title"] for e in json.loads(result.output)] == ["Sitzung des Integrationsrates"]


def test_a_database_newer_than_the_code_is_refused_with_one_line(release_db: Path) -> None:
    conn = sqlite3.connect(release_db)
    conn.execute(f"PRAGMA user_version = {database.SCHEMA_VERSION + 1}")
    conn.close()
    before = release_db.read_bytes()
    result = CliRunner().invoke(main, ["--db", str(release_db), "ask", "Was ist KIM?"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert f"Schemaversion {database.SCHEMA_VERSION + 1}" in lines[0]
    assert "neuere gremienbot-Version" in lines[0]
    assert release_db.read_bytes() == before  # not touched


def test_a_failing_step_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    db = store.open_db(tmp_path / "x.db")
    steps: dict[int, store.Step] = {
        **store.KNOWLEDGE_STEPS,
        5: ["CREATE TABLE half (a)", "ALTER TABLE half ADD COLUMN a"],  # duplicate column
    }
    with pytest.raises(sqlite3.OperationalError):
        store.migrate(db, steps)
    assert db.conn.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION
    names = {r[0] for r in db.conn.execute("SELECT name FROM sqlite_master")}
    assert "half" not in names
    assert not db.conn.in_transaction


def test_a_later_step_runs_once_in_order(release_db: Path) -> None:
    ran: list[int] = []

    def note(conn: sqlite3.Connection) -> None:
        ran.append(int(conn.execute("PRAGMA user_version").fetchone()[0]))
        conn.execute("ALTER TABLE events ADD COLUMN colour TEXT")

    later = {**database.STEPS, database.SCHEMA_VERSION + 1: [note]}
    db = database.open_db(release_db)
    store.migrate(db, later)
    store.migrate(db, later)
    assert ran == [database.SCHEMA_VERSION]
    columns = {r[1] for r in db.conn.execute("PRAGMA table_info(events)")}
    assert "colour" in columns


def test_restore_checks_what_it_is_given(release_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "live.db"
    # Not SQLite at all, another application's SQLite file, a damaged file: refused.
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database" * 100)
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    damaged = tmp_path / "damaged.db"
    data = bytearray(RELEASE.read_bytes())
    data[4096 * 3 : 4096 * 3 + 200] = b"\xff" * 200  # a page of the b-trees overwritten
    damaged.write_bytes(bytes(data))
    for bad, why in ((junk, "keine lesbare"), (other, "keine gremienbot"), (damaged, "beschädigt")):
        with pytest.raises(BackupError, match=why):
            restore(bad, target)
    assert not target.exists()
    # A newer one: refused with the version.
    newer = tmp_path / "newer.db"
    shutil.copy(RELEASE, newer)
    conn = sqlite3.connect(newer)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(BackupError, match="Schemaversion 99"):
        restore(newer, target)
    # The release file itself: restored and migrated to this version.
    done = restore(release_db, target)
    assert done.version == database.SCHEMA_VERSION
    assert pragma(target, "user_version") == database.SCHEMA_VERSION


def test_restore_refuses_while_the_lock_is_held_and_keeps_the_old_database(
    release_db: Path, tmp_path: Path
) -> None:
    live = tmp_path / "live.db"
    first = backup(release_db, live)  # a database in place (copied as it is: version 4)
    assert (first.version, pragma(live, "user_version")) == (4, 4)
    with database.lock(live, exclusive=False), pytest.raises(BackupError, match="stoppen"):
        restore(release_db, live)
    restore(release_db, live)
    assert (tmp_path / "live.db.before-restore").exists()
    with (  # while a restore holds the lock, `run` cannot take it
        database.lock(live, exclusive=True),
        pytest.raises(database.InUse),
        database.lock(live, exclusive=False),
    ):
        pass


def test_backup_refuses_to_overwrite_the_database_itself(release_db: Path) -> None:
    with pytest.raises(BackupError):
        backup(release_db, release_db)


def test_backup_into_a_folder_keeps_the_newest(release_db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "sicherungen"
    folder.mkdir()
    for day in ("2020-01-01", "2020-01-02", "2020-01-03"):
        (folder / f"gremienbot-{day}T031500Z.db").write_bytes(b"alt")
    (folder / "notizen.txt").write_text("bleibt")
    args = ["--db", str(release_db), "backup", "--keep", "2", str(folder)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    left = sorted(p.name for p in folder.iterdir())
    assert len(left) == 3
    assert left[0] == "gremienbot-2020-01-03T031500Z.db"
    assert left[1].startswith("gremienbot-2")
    assert left[1] != left[0]
    assert left[2] == "notizen.txt"
    assert pragma(folder / left[1], "user_version") == 4  # the copy is a real database
    assert "2 ältere Sicherung(en) gelöscht" in result.output
    refused = CliRunner().invoke(main, ["--db", str(release_db), "backup", "--keep", "2", "x.db"])
    assert refused.exit_code == 2


def test_backup_to_a_path_ending_in_a_slash_makes_that_folder(
    release_db: Path, tmp_path: Path
) -> None:
    target = tmp_path / "neu" / "sicherungen"
    result = CliRunner().invoke(main, ["--db", str(release_db), "backup", f"{target}/"])
    assert result.exit_code == 0, result.output
    (copy,) = target.iterdir()  # a folder with one dated copy, not a file named "sicherungen"
    assert copy.name.startswith("gremienbot-")
    assert pragma(copy, "user_version") == 4
