"""Write tests/data/release-0.1.0.db: a small database as a released gremienbot writes it.

Run it from a checkout of the release (the fixture must come from that code, not from the
current one), e.g.:
    git archive b19f718 | tar -x -C /tmp/release && cd /tmp/release && \
    PYTHONPATH=. python scripts/make_schema_fixture.py /path/to/tests/data/release-0.1.0.db
The file holds one document, a staff member, two subscribers, an event with reminders ahead,
a queued announcement and a stored question; tests/test_schema.py opens it with the newest
code.
"""

from __future__ import annotations

import sqlite3
import sys
from datetime import UTC, datetime
from pathlib import Path

from bot.dialog import Dialog, Person
from knowledge.base import KnowledgeBase
from knowledge.ingest import ingest_paths
from knowledge.store import open_db
from scheduler.calendar import Calendar
from scheduler.clock import SystemClock
from scheduler.events import Event

TEXT = """Niederschrift über die Sitzung des Integrationsrates am 12.03.2024

TOP 3: Sprachkurse
Die Volkshochschule bietet ab April 2024 vier zusätzliche Sprachkurse für Neuzugewanderte an.
Die Kosten von 18.000 Euro trägt der Kreis.
"""


class FixedClock(SystemClock):
    def now(self) -> datetime:
        return datetime(2025, 1, 15, 9, 0, tzinfo=UTC)


def main(out: Path) -> None:
    out.unlink(missing_ok=True)
    src = out.parent / "2024-03-12-integrationsrat.txt"
    src.write_text(TEXT, encoding="utf-8")
    try:
        db = open_db(out)
        ingest_paths(db, [src])
    finally:
        src.unlink()
    clock = FixedClock()
    cal = Calendar(db, clock)
    cal.add_staff(99, by=1)
    for chat in (501, 502):
        cal.subscribe_all(chat, user_id=chat, language="de")
    cal.create(
        Event(
            id=None,
            title="Sitzung des Integrationsrates",
            start_at=datetime(2031, 6, 3, 15, 0, tzinfo=UTC),
            place="Kreishaus, Raum 1.14",
            topic="Integrationsrat",
        ),
        by=99,
    )
    draft, _count = cal.announce(author_id=99, text="Die Sprachkurse beginnen im April.")
    cal.send_announcement(draft.id)
    dialog = Dialog(KnowledgeBase(db), clock, agenda=None)
    dialog.ask(Person(user_id=501, chat_id=501, language_code="de"), "Wer trägt die Kosten?")
    db.conn.close()
    conn = sqlite3.connect(out)
    conn.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
    conn.execute("VACUUM")
    conn.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
