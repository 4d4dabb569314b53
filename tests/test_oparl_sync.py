"""End to end through the CLI against the stand-in OParl server (tests/oparl_server.py):
sync -> events and documents; incremental; changes followed; bad answers counted."""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from bot.cli import main
from knowledge.store import open_db
from scheduler.calendar import Calendar
from scheduler.clock import SystemClock
from tests.oparl_server import FakeOParl

ZERO = {"new": 0, "changed": 0, "deleted": 0, "skipped": 0}


@pytest.fixture(autouse=True)
def fast_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """Retries back off in milliseconds here (the real client waits seconds)."""
    from bot.oparl import client

    original = client.OParlClient.__init__

    def quick(self: client.OParlClient, **kwargs: Any) -> None:
        original(self, **({"backoff": 0.01, "timeout": 10.0} | kwargs))

    monkeypatch.setattr(client.OParlClient, "__init__", quick)


@pytest.fixture
def server() -> Iterator[FakeOParl]:
    with FakeOParl() as s:
        s.generate()
        yield s


def cli(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--db", str(db), *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def sync(db: Path, url: str) -> dict[str, Any]:
    code, out, err = cli(db, "oparl", "sync", url, "--json")
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


def events(db: Path, *extra: str) -> list[dict[str, Any]]:
    code, out, _ = cli(db, "events", "--json", *extra)
    assert code == 0
    found: list[dict[str, Any]] = json.loads(out)
    return found


def test_first_sync_sessions_and_papers(server: FakeOParl, tmp_path: Path) -> None:
    db = tmp_path / "bot.db"
    report = sync(db, server.system_url)
    assert set(report) == {"papers", "meetings", "organizations", "files", "errors"}
    assert report["organizations"] == ZERO | {"new": 3}
    assert report["meetings"] == ZERO | {"new": 4, "skipped": 1}  # 105 is malformed
    assert report["papers"] == ZERO | {"new": 2}  # 203 is deleted: hidden on a full walk
    assert report["files"] == {"read": 3, "skipped": 0}
    assert report["errors"] == [f"{server.url('meeting/105')}: Beginn unlesbar: 'demnächst'"]
    assert any(ua.startswith("gremienbot") for ua in server.user_agents)

    listed = {e["title"]: e for e in events(db)}
    assert set(listed) == {
        "Sitzung des Integrationsausschusses",
        "Sitzung des Sozialausschusses",
        "Kreistag",
    }  # the cancelled session is not upcoming
    first = listed["Sitzung des Integrationsausschusses"]
    assert (first["date"], first["time"]) == ("2030-03-12", "17:00")  # +01:00, Berlin time
    assert first["place"] == "Kreishaus, Raum 101"
    assert first["topic"] == "Integrationsausschuss"
    assert first["source"] == "oparl"
    assert first["web"].endswith("__ksinr=101")
    assert [(a["number"], a["public"]) for a in first["agenda"]] == [
        ("1", True),
        ("2", True),
        ("3", False),
    ]
    summer = listed["Sitzung des Sozialausschusses"]
    assert (summer["date"], summer["time"], summer["place"]) == (
        "2030-06-18",
        "16:30",
        "Saal 2, Markt 1",
    )
    cancelled = [e for e in events(db, "--all") if e["status"] == "cancelled"]
    assert [e["title"] for e in cancelled] == ["Sondersitzung Sozialausschuss"]

    _, out, _ = cli(db, "ask", "Wie viele Sprachkurse sollen gefördert werden?", "--json")
    answer = json.loads(out)
    assert answer["answered"], out
    assert answer["answers"][0]["document"] == "oparl/201"
    assert "14 Sprachkurse" in answer["answers"][0]["text"]
    _, out, _ = cli(
        db, "ask", "Was hat der Integrationsausschuss zum Dolmetscherpool beschlossen?", "--json"
    )
    answer = json.loads(out)
    assert answer["answered"], out
    assert answer["answers"][0]["document"] == "oparl/sitzung-101"


def test_second_sync_is_incremental_and_follows_changes(server: FakeOParl, tmp_path: Path) -> None:
    db = tmp_path / "bot.db"
    sync(db, server.body_url)
    server.requests.clear()
    again = sync(db, server.body_url)
    assert again == {
        "papers": ZERO,
        "meetings": ZERO,
        "organizations": ZERO,
        "files": {"read": 0, "skipped": 0},
        "errors": [],
    }
    lists = [r for r in server.requests if "/organizations" in r or "/meetings" in r]
    assert lists
    assert all("modified_since=" in r for r in lists)
    assert all("%2B" in r or "%2b" in r for r in lists)  # the offset's + is encoded

    server.change("meeting", "102", start="2030-06-25T18:00:00+02:00")  # moved
    server.change("meeting", "103", cancelled=True)  # cancelled
    server.delete("paper", "202")
    server.put("paper", server.paper("204", "Neue Beratungsstelle", "2030/0104",
                                     "Die Beratungsstelle öffnet im Mai in Siegburg."))  # fmt: skip
    server.change("paper", "201", name="Förderung von Sprachkursen (geändert)")
    report = sync(db, server.body_url)
    assert report["meetings"] == ZERO | {"changed": 2}  # the broken 105 is not reported again
    assert report["papers"] == ZERO | {"new": 1, "changed": 1, "deleted": 1}
    listed = {e["title"]: e for e in events(db)}
    assert set(listed) == {"Sitzung des Integrationsausschusses", "Sitzung des Sozialausschusses"}
    moved = listed["Sitzung des Sozialausschusses"]
    assert (moved["date"], moved["time"]) == ("2030-06-25", "18:00")

    _, out, _ = cli(db, "ask", "Wie viele Ehrenamtliche engagieren sich?", "--json")
    assert all(a["document"] != "oparl/202" for a in json.loads(out)["answers"])
    _, out, _ = cli(db, "ask", "Wann öffnet die Beratungsstelle?", "--json")
    assert json.loads(out)["answers"][0]["document"] == "oparl/204"
    assert sync(db, server.body_url)["papers"] == ZERO


def reminders(db: Path) -> dict[str, list[tuple[str, str]]]:
    """Event uid tail -> (due, status) of its reminder rows."""
    conn = sqlite3.connect(db)
    rows = conn.execute(
        "SELECT e.uid, o.not_before, o.status FROM outbox o JOIN events e ON e.id = o.ref_id "
        "WHERE o.kind = 'reminder' ORDER BY o.not_before"
    ).fetchall()
    conn.close()
    out: dict[str, list[tuple[str, str]]] = {}
    for uid, due, status in rows:
        out.setdefault(uid.rsplit("/", 1)[-1], []).append((due, status))
    return out


def test_reminders_follow_moved_and_cancelled_sessions(server: FakeOParl, tmp_path: Path) -> None:
    db = tmp_path / "bot.db"
    cal = Calendar(open_db(db), SystemClock())
    cal.subscribe_all(5, user_id=5, language="de")
    sync(db, server.body_url)
    planned = reminders(db)
    assert {k: len(v) for k, v in planned.items()} == {"101": 3, "102": 3, "103": 3}
    assert "104" not in planned  # cancelled from the start: never reminded of
    server.change("meeting", "102", start="2030-06-25T18:00:00+02:00")
    server.delete("meeting", "103")
    report = sync(db, server.body_url)
    assert report["meetings"] == ZERO | {"changed": 1, "deleted": 1}
    after = reminders(db)
    pending_102 = [due for due, status in after["102"] if status == "pending"]
    assert pending_102 == [
        "2030-06-18T16:00:00+00:00",
        "2030-06-24T16:00:00+00:00",
        "2030-06-25T14:00:00+00:00",
    ]
    assert {status for _, status in after["103"]} == {"dropped"}
    assert [e["status"] for e in events(db, "--all") if e["title"] == "Kreistag"] == ["cancelled"]


def test_bad_answers_are_counted_not_fatal(server: FakeOParl, tmp_path: Path) -> None:
    db = tmp_path / "bot.db"
    server.fail("/papers", 500)  # once: the retry succeeds
    server.fail("/organizations", 429, headers={"Retry-After": "0"})
    server.fail("/meetings", 200, body=b"<html>Wartung</html>", count=100)
    report = sync(db, server.body_url)
    assert report["papers"]["new"] == 2
    assert report["organizations"]["new"] == 3
    assert report["meetings"] == ZERO
    assert report["errors"] == [f"{server.body_url}/meetings: Antwort ist kein JSON"]
    server.failures.clear()
    server.fail("page=2", 404, count=100)
    report = sync(db, server.body_url)  # the meetings list was never walked fully: full walk
    assert report["meetings"]["new"] == 2  # page 1 only
    assert any("page=2: HTTP 404" in e for e in report["errors"])
    server.failures.clear()
    assert sync(db, server.body_url)["meetings"] == ZERO | {"new": 2, "skipped": 1}


def test_exit_codes(server: FakeOParl, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "bot.db"
    code, _, err = cli(db, "oparl", "sync", f"{server.base}/fixtures/Paper-01.json")
    assert code == 1
    assert "weder System noch Body" in err
    code, _, err = cli(db, "oparl", "sync", f"{server.base}/fixtures/missing.json")
    assert code == 1
    assert "HTTP 404" in err
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert cli(db, "oparl", "sync", f"http://127.0.0.1:{port}/oparl")[0] == 1
    assert cli(db, "oparl", "sync", "file:///etc/passwd")[0] == 2
    monkeypatch.delenv("GREMIENBOT_OPARL_URL", raising=False)
    assert cli(db, "oparl", "sync")[0] == 2
    monkeypatch.setenv("GREMIENBOT_OPARL_URL", server.system_url)
    code, out, _ = cli(db, "oparl", "sync")
    assert code == 0
    assert out.startswith("OParl-Abgleich: Vorlagen 2 neu")


def state(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    conn = sqlite3.connect(db)
    queries = {
        "events": "SELECT uid, title, start_at, end_at, place, topic, status FROM events",
        "agenda": "SELECT e.uid, a.ord, a.number, a.name, a.public FROM event_agenda a "
        "JOIN events e ON e.id = a.event_id",
        "documents": "SELECT name, sha256, title, kind, date FROM documents",
        "passages": "SELECT d.name, count(*) FROM passages p JOIN documents d ON d.id = p.doc_id "
        "GROUP BY d.name",
        "objects": "SELECT id, kind, modified FROM oparl_objects",
        "reminders": "SELECT key, status FROM outbox",
    }
    out = {k: sorted(conn.execute(q).fetchall()) for k, q in queries.items()}
    conn.close()
    return out


def test_killed_sync_reruns_to_the_same_state(server: FakeOParl, tmp_path: Path) -> None:
    killed, clean = tmp_path / "killed.db", tmp_path / "clean.db"
    for db in (killed, clean):
        Calendar(open_db(db), SystemClock()).subscribe_all(5, user_id=5, language="de")
    release = server.hold("/papers")
    root = Path(__file__).resolve().parents[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "--db", str(killed), "oparl", "sync", server.body_url],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert server.held.wait(30), "the sync never reached the paper list"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        release.set()
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    partial = state(killed)
    assert partial["events"]
    assert [d[0] for d in partial["documents"]] == ["oparl/sitzung-101"]  # no paper yet
    del server.holds["/papers"]
    sync(killed, server.body_url)
    sync(clean, server.body_url)
    assert state(killed) == state(clean)


def test_sessions_from_the_ris_are_read_only_in_the_bot(server: FakeOParl, tmp_path: Path) -> None:
    from bot.agenda import Agenda
    from bot.dialog import Person

    db = tmp_path / "bot.db"
    sync(db, server.body_url)
    agenda = Agenda(Calendar(open_db(db), SystemClock()))
    [session] = [e for e in events(db) if e["title"] == "Kreistag"]
    staff = Person(user_id=1, chat_id=1, language_code="de", staff=True)
    for reply in (
        agenda.change_event(staff, f"{session['id']} 01.10.2030 10:00 Anders"),
        agenda.delete_event(staff, str(session["id"])),
    ):
        text = " ".join(span.text for para in reply.paragraphs for span in para)
        assert "Ratsinformationssystem" in text
    assert [e["time"] for e in events(db) if e["title"] == "Kreistag"] == ["15:00"]


def test_one_sync_loads_the_compound_lexicon_once(
    server: FakeOParl, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lexicon of everything stored grows with the base: reading it again for every
    page of papers made a large first sync quadratic (bench_oparl.py)."""
    from knowledge import ingest

    for n in range(5):  # papers on three pages (two per page), minutes on a meeting page
        server.put("paper", server.paper(f"30{n}", f"Vorlage {n}", f"2030/02{n}", f"Text {n}."))
    loads: list[int] = []
    original = ingest.make_lexicon  # what load_lexicon builds the lexicon with

    def counted(words: Any) -> Any:
        loads.append(1)
        return original(words)

    monkeypatch.setattr(ingest, "make_lexicon", counted)
    report = sync(tmp_path / "bot.db", server.system_url)
    assert report["papers"]["new"] == 7
    assert len(loads) == 1
