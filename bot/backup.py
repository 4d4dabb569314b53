"""`gremienbot backup` and `restore`: copies through SQLite's online backup API.

The backup API copies a consistent snapshot while the bot keeps writing (in WAL mode the
writer is not held up); the copy is checked (PRAGMA integrity_check) before it replaces the
target file atomically. A restore refuses while `gremienbot run` holds the database's lock,
checks the file first (a gremienbot database, intact, of a version this code can open), keeps
the current database beside it (`<db>.before-restore`), copies the file in through the same
API (so the database's WAL is never mixed with another file's), then migrates it forward.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bot import database


class BackupError(Exception):
    """The backup or restore did not happen; str(exc) is one line for the operator."""


@dataclass(frozen=True)
class Copy:
    """What was written: the file, its size and its schema version."""

    path: Path
    size: int
    version: int


def _open_readonly(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise BackupError(f"{path}: Datei nicht gefunden.")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} ist keine lesbare SQLite-Datenbank ({exc}).") from exc
    return conn


def _checked(conn: sqlite3.Connection, path: Path) -> int:
    """The version of a gremienbot database that passes the integrity check."""
    try:
        version = database.identify(conn, path)
        problem = database.integrity_problem(conn)
    except database.SchemaError as exc:
        raise BackupError(str(exc)) from exc
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} ist beschädigt ({exc}).") from exc
    if problem:
        raise BackupError(f"{path} ist beschädigt (integrity_check: {problem}).")
    return version


def _copy(source: sqlite3.Connection, target: Path) -> None:
    """A checked single-file copy of `source` at `target`, replaced atomically, readable by
    the owner only (the database holds chat ids and questions)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        dest = sqlite3.connect(tmp)
        try:
            source.backup(dest)  # all pages in one step: one consistent snapshot
            dest.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            problem = database.integrity_problem(dest)
        finally:
            dest.close()
        if problem:
            raise BackupError(f"Die Kopie ist nicht in Ordnung (integrity_check: {problem}).")
        with tmp.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _keep(db_path: Path) -> None:
    """Keep the current database as `<db>.before-restore`: a checked copy, or, when it cannot
    be read any more (the usual reason to restore), the file itself with its WAL moved aside."""
    kept = db_path.with_name(db_path.name + ".before-restore")
    try:
        current = sqlite3.connect(db_path, timeout=30)
        try:
            _copy(current, kept)
        finally:
            current.close()
    except (BackupError, sqlite3.DatabaseError):
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.replace(f"{db_path}{suffix}", f"{kept}{suffix}")


def backup(db_path: Path, target: Path) -> Copy:
    """Copy the database at `db_path` to `target` (also while the bot runs)."""
    if target.resolve() == db_path.resolve():
        raise BackupError("Die Sicherung darf nicht die Datenbank selbst überschreiben.")
    source = _open_readonly(db_path)
    try:
        try:
            version = database.identify(source, db_path)
        except database.SchemaError as exc:
            raise BackupError(str(exc)) from exc
        _copy(source, target)
    finally:
        source.close()
    return Copy(target, target.stat().st_size, version)


PATTERN = "gremienbot-*.db"


def dated_target(folder: Path, now: datetime) -> Path:
    """The file a backup into `folder` gets: gremienbot-YYYY-MM-DDTHHMMSSZ.db (UTC; sorts
    by time)."""
    return folder / f"gremienbot-{now.astimezone(UTC):%Y-%m-%dT%H%M%SZ}.db"


def prune(folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` dated backups in `folder`; the deleted files."""
    dated = sorted(folder.glob(PATTERN), key=lambda p: p.name, reverse=True)
    gone = dated[keep:]
    for old in gone:
        old.unlink(missing_ok=True)
    return gone


def restore(source_path: Path, db_path: Path) -> Copy:
    """Replace the database at `db_path` with the backup at `source_path` (the bot must be
    stopped); the database as it was stays beside it as `<db>.before-restore`."""
    source = _open_readonly(source_path)
    try:
        _checked(source, source_path)
        try:
            with database.lock(db_path, exclusive=True):
                if db_path.exists():
                    _keep(db_path)
                dest = sqlite3.connect(db_path, timeout=30)
                try:
                    source.backup(dest)
                    dest.execute("PRAGMA journal_mode = WAL")
                finally:
                    dest.close()
                db = database.open_db(db_path)  # forward migrations of an older backup
                version = int(db.conn.execute("PRAGMA user_version").fetchone()[0])
                db.conn.close()
        except database.InUse as exc:
            raise BackupError(
                f"Ein Bot-Prozess (gremienbot run) nutzt {db_path}: erst den Bot stoppen "
                "(z. B. systemctl stop gremienbot), dann zurückspielen."
            ) from exc
    finally:
        source.close()
    return Copy(db_path, db_path.stat().st_size, version)
