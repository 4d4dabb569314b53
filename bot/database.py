"""The database file as a whole: its schema version, forward migrations at start, and the
checks that tell a gremienbot database (of a version this code can open) from anything else.

One version for the file: PRAGMA user_version. Steps 1..4 are the knowledge base's
(knowledge/store.py); step 5 takes the calendar's, the bot's and the OParl sync's tables into
the versioned schema (until then they were created on first use) and marks the file with
PRAGMA application_id. A later schema change of any layer is the next step here, in one
transaction with the new version number (knowledge.store.migrate). A database newer than this
code is refused before anything touches it.
"""

from __future__ import annotations

import contextlib
import fcntl
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils

from bot import dialog, uploads
from bot.oparl import sync as oparl_sync
from knowledge import store
from scheduler import alerts, announcements, events, feeds, outbox, quiet, subscriptions

# "GrBt": PRAGMA application_id of a gremienbot database (files from before step 5 have 0).
APPLICATION_ID = 0x47724274


STEPS: dict[int, store.Step] = {
    **store.KNOWLEDGE_STEPS,
    5: [
        *events.SCHEMA,
        *subscriptions.SCHEMA,
        *outbox.SCHEMA,
        *announcements.SCHEMA,
        dialog.SCHEMA,
        dialog.add_declined_column,
        uploads.SCHEMA,
        *oparl_sync.SCHEMA,
        f"PRAGMA application_id = {APPLICATION_ID}",
    ],
    # Alerts on new documents (keywords, the high-water mark: documents stored before this
    # step are old news), quiet hours per chat, and which ICS feed each event came from.
    6: [*alerts.SCHEMA, alerts.INIT_MARK, *quiet.SCHEMA, *feeds.SCHEMA],
    # Every document word counted once over all documents (knowledge.store.WORD_COUNTS): the
    # compound lexicon and the vocabulary no longer walk doc_words, which grows with the base.
    7: store.WORD_COUNTS,
}
SCHEMA_VERSION = max(STEPS)
# Tables every gremienbot database has had since the first release.
CORE_TABLES = frozenset({"documents", "passages", "meta"})


class SchemaError(Exception):
    """The file is not a database this code can open; str(exc) is one line for the operator."""


def version_of(path: Path) -> int | None:
    """The schema version of the database at `path` (None: no file there), read without
    changing anything."""
    if not path.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return store.schema_version(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise SchemaError(f"{path} ist keine lesbare SQLite-Datenbank ({exc}).") from exc


def check_version(path: Path, version: int | None) -> None:
    """SchemaError when the database was written by a newer gremienbot than this one."""
    if version is not None and version > SCHEMA_VERSION:
        raise SchemaError(
            f"Die Datenbank {path} hat Schemaversion {version}, dieses gremienbot kennt nur bis "
            f"{SCHEMA_VERSION}: bitte die neuere gremienbot-Version installieren (oder eine "
            "Sicherung dieser Version mit `gremienbot restore` zurückspielen)."
        )


def open_db(path: Path | str | None) -> sqlite_utils.Database:
    """Open the database at `path` (None: in memory), migrated to SCHEMA_VERSION; SchemaError
    when it is newer than this code."""
    if path is not None:
        check_version(Path(path), version_of(Path(path)))
    db = store.open_db(path)  # the knowledge base's steps (1..4)
    store.migrate(db, STEPS)
    return db


def identify(conn: sqlite3.Connection, path: Path) -> int:
    """The schema version of an open database if it is a gremienbot database this code can
    open, else SchemaError naming why not."""
    app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    version = store.schema_version(conn)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    if app_id not in (0, APPLICATION_ID) or not tables >= CORE_TABLES or version < 1:
        raise SchemaError(f"{path} ist keine gremienbot-Datenbank.")
    check_version(path, version)
    return version


def integrity_problem(conn: sqlite3.Connection) -> str | None:
    """None when PRAGMA integrity_check finds nothing, else its first finding."""
    rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
    return None if rows == ["ok"] else "; ".join(rows[:3])


def lock_path(db_path: Path) -> Path:
    """The lock file beside the database: `gremienbot run` holds a shared lock on it while it
    runs; `restore` needs it exclusively."""
    return db_path.with_name(db_path.name + ".lock")


class InUse(Exception):
    """A bot process holds the database."""


@contextlib.contextmanager
def lock(db_path: Path, *, exclusive: bool) -> Iterator[None]:
    """Hold the database's lock (flock on `<db>.lock`) for the block. Shared: `run` (several
    may share it). Exclusive: `restore`; InUse at once when any process holds the lock. The
    kernel drops the lock when a process dies, also by SIGKILL: nothing goes stale."""
    path = lock_path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+b") as handle:
        mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
        try:
            fcntl.flock(handle.fileno(), mode | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise InUse(str(db_path)) from exc
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
