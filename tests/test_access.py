"""Internal papers stay with staff: only in a private chat with a staff member, by no other path
(groups, crafted buttons, typo corrections, /dokumente, /glossar, files); access marks fail
closed. Through the real Application over HTTP to the stand-in Bot API server."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from bot.actions import Action, decode
from knowledge.base import KnowledgeBase
from knowledge.ingest import access_is_public, ingest_paths
from knowledge.store import generation, open_db
from scheduler.events import Event
from tests.live import ADMIN, MEMBER, STAFF, Live

SECRET = (
    "Die vertrauliche Personalplanung sieht vor, dass Herr Quastenberg ab 2027 die "
    "Projektleitung der Zuwanderungsberatung übernimmt."
)
GROUP = -1001234


def add_internal_paper(live: Live, folder: Path) -> None:
    folder.mkdir()
    (folder / "personal.txt").write_text(SECRET + "\n", encoding="utf-8")
    (folder / "corpus.json").write_text(
        json.dumps({"documents": {"personal.txt": {"title": "Personalplanung", "public": False}}}),
        encoding="utf-8",
    )
    results = ingest_paths(live.dialog.kb.db, [folder])
    assert [r.status for r in results] == ["added"]


async def test_staff_asking_in_a_group_gets_no_internal_fact(live: Live, tmp_path: Path) -> None:
    add_internal_paper(live, tmp_path / "intern")
    question = "Wer übernimmt die Projektleitung der Zuwanderungsberatung?"
    groups = {GROUP: "group", GROUP - 1: "supergroup"}  # three messages each: no flood limit
    for chat_id, chat_type in groups.items():
        await live.send(f"/frage {question}", user_id=STAFF, chat_id=chat_id, chat_type=chat_type)
        await live.send(
            f"@gremien_test_bot {question}", user_id=ADMIN, chat_id=chat_id, chat_type=chat_type
        )
    await live.send("/dokumente", user_id=STAFF, chat_id=GROUP, chat_type="group")
    await live.send("/glossar", user_id=STAFF, chat_id=GROUP - 1, chat_type="supergroup")
    replies = [text for chat_id in groups for text in live.texts(chat_id)]
    group = " ".join(replies)
    assert len(replies) == 6  # every message was answered
    assert "Quastenberg" not in group
    assert "Personalplanung" not in group
    # The same staff member in a private chat reads it.
    await live.send(question, user_id=STAFF)
    await live.send("/dokumente", user_id=STAFF)
    private = " ".join(live.texts(STAFF))
    assert "Quastenberg" in private
    assert "Personalplanung" in private
    assert live.refused() == []


async def test_buttons_in_a_group_show_no_internal_passage_or_file(
    live: Live, tmp_path: Path
) -> None:
    add_internal_paper(live, tmp_path / "intern")
    await live.send("Wer übernimmt die Projektleitung der Zuwanderungsberatung?", user_id=STAFF)
    buttons = dict(live.buttons(STAFF, 0))
    gen = generation(live.dialog.kb.db)
    assert decode(buttons["Ganze Passage"]) is not None
    # The staff member presses the same buttons in a group (or a member crafts them).
    for data in (buttons["Ganze Passage"], buttons["Dokument"]):
        await live.press(data, user_id=STAFF, chat_id=GROUP, chat_type="group")
        await live.press(data, user_id=MEMBER)
    shown = " ".join(live.texts(GROUP) + live.texts(MEMBER))
    assert "Quastenberg" not in shown
    assert live.documents(GROUP) == []
    assert live.documents(MEMBER) == []
    assert all("nicht mehr aktuell" in t for t in live.toasts()[-4:])
    assert gen == generation(live.dialog.kb.db)


async def test_crafted_calendar_button_of_a_proposal_is_stale(live: Live) -> None:
    start = live.clock.now() + timedelta(days=10)
    proposal = Event(
        "Jury Integrationspreis",
        start,
        description="Aus der internen Vorlage: Herr Quastenberg bekommt den Preis.",
        document="personal.txt",
        status="proposed",
        uid="prop:personal.txt:x",
    )
    live.cal.propose([proposal])
    (stored,) = live.cal.proposals()
    assert stored.id is not None
    for data in (
        Action("ics", (stored.id, stored.version)).encode(),
        f"v1:ics:{'9' * 30}:1",
        f"v1:ics:{stored.id}:{'1' * 30}",
        f"v1:doc:{'9' * 30}:1",
        f"v1:more:{'9' * 30}:0",
        "v1:ics:+1:1",
        "v1:ics:١:1",
    ):
        await live.press(data, user_id=MEMBER)
    assert live.documents(MEMBER) == []
    assert "Quastenberg" not in " ".join(live.texts(MEMBER))
    toasts = live.toasts()
    assert len(toasts) == 7
    assert all("nicht mehr aktuell" in t for t in toasts)
    # The bot still works afterwards.
    await live.send("Wer leitet das KI?", user_id=MEMBER)
    assert "Dinstühler" in live.texts(MEMBER)[-1]


async def test_calendar_file_of_an_accepted_proposal_does_not_quote_the_paper(live: Live) -> None:
    start = live.clock.now() + timedelta(days=10)
    live.cal.propose(
        [
            Event(
                "Jurysitzung",
                start,
                description="Interne Notiz: Herr Quastenberg bekommt den Preis.",
                document="personal.txt",
                status="proposed",
                uid="prop:personal.txt:y",
            )
        ]
    )
    (proposal,) = live.cal.proposals()
    assert proposal.id is not None
    live.cal.decide(proposal.id, accept=True)
    await live.send("/termine", user_id=MEMBER)
    (_label, data) = live.buttons(MEMBER)[0]
    await live.press(data, user_id=MEMBER)
    (document,) = live.documents(MEMBER)
    assert b"BEGIN:VEVENT" in document["content"]
    assert b"Quastenberg" not in document["content"]


async def test_typo_corrections_never_show_members_words_of_internal_papers(
    live: Live, tmp_path: Path
) -> None:
    add_internal_paper(live, tmp_path / "intern")
    # Answered from public minutes, so the "read as" line is shown under the answer.
    question = "wann ist die siegelverleihung 2020 quastenbeg"
    await live.send(question, user_id=MEMBER)
    await live.send(f"/frage {question}", user_id=STAFF, chat_id=GROUP, chat_type="group")
    shown = live.texts(MEMBER) + live.texts(GROUP)
    assert len(shown) == 2
    assert "quastenberg" not in " ".join(shown).lower()
    # Staff in a private chat: the correction is theirs to see.
    await live.send(question, user_id=STAFF)
    assert "quastenbeg → quastenberg" in live.texts(STAFF)[-1].lower()


async def test_staff_commands_are_refused_in_groups(live: Live) -> None:
    live.cal.propose(
        [
            Event(
                "Jurysitzung",
                live.clock.now() + timedelta(days=5),
                description="Zitat aus einer internen Vorlage",
                document="personal.txt",
                status="proposed",
                uid="prop:p:z",
            )
        ]
    )
    await live.send("/vorschlaege", user_id=STAFF, chat_id=GROUP, chat_type="group")
    (reply,) = live.texts(GROUP)
    assert "privaten Chat" in reply
    assert "Zitat" not in reply
    await live.send("/vorschlaege", user_id=STAFF)
    assert "Zitat" in live.texts(STAFF)[-1]


@pytest.mark.parametrize(
    ("entry", "public"),
    [
        ({}, True),
        ({"public": True}, True),
        ({"public": "ja"}, True),
        ({"access": "öffentlich"}, True),
        ({"access": " Public "}, True),
        ({"public": False}, False),
        ({"public": "false"}, False),
        ({"public": 0}, False),
        ({"public": "0"}, False),
        ({"public": "nein"}, False),
        ({"public": None}, False),
        ({"public": "tru"}, False),
        ({"access": "intern "}, False),
        ({"access": "vertraulich"}, False),
        ({"access": "nicht-öffentlich"}, False),
        ({"access": "Nichtöffentlich"}, False),
        ({"access": ""}, False),
        ({"access": "öffentlich", "public": False}, False),
    ],
)
def test_access_marks_fail_closed(entry: dict[str, object], public: bool) -> None:
    assert access_is_public(entry) is public


def _corpus(folder: Path, entries: dict[str, object]) -> None:
    folder.mkdir(exist_ok=True)
    for name in entries:
        (folder / name).write_text(f"Die Vorlage {name} nennt den Betrag von 4.711 Euro.\n")
    (folder / "corpus.json").write_text(json.dumps({"documents": entries}), encoding="utf-8")


def test_every_fail_open_value_of_the_report_is_stored_internal(tmp_path: Path) -> None:
    entries: dict[str, object] = {
        "a.txt": {"public": "false"},
        "b.txt": {"public": 0},
        "c.txt": {"public": "nein"},
        "d.txt": {"access": "intern "},
        "e.txt": {"access": "vertraulich"},
        "f.txt": {"access": "nicht-öffentlich"},
        "g.txt": "intern",  # not even an object
        "h.txt": {"title": "Öffentlich"},
    }
    folder = tmp_path / "c"
    _corpus(folder, entries)
    db = open_db(tmp_path / "kb.db")
    ingest_paths(db, [folder])
    public = dict(db.conn.execute("SELECT name, public FROM documents").fetchall())
    assert public == {name: int(name == "h.txt") for name in entries}


def test_a_change_of_access_is_applied_on_reingest_of_unchanged_text(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    _corpus(folder, {"v.txt": {"title": "Vorlage"}})
    db = open_db(tmp_path / "kb.db")
    kb = KnowledgeBase(db)
    ingest_paths(db, [folder])
    assert kb.ask("Welchen Betrag nennt die Vorlage?").answered
    _corpus(folder, {"v.txt": {"title": "Vorlage", "public": False}})
    (result,) = ingest_paths(db, [folder])
    assert result.status == "updated"
    assert not kb.ask("Welchen Betrag nennt die Vorlage?").answered
    assert kb.ask("Welchen Betrag nennt die Vorlage?", internal=True).answered
    assert kb.documents() == []
    # And back: unchanged text, public again.
    _corpus(folder, {"v.txt": {"title": "Vorlage"}})
    (result,) = ingest_paths(db, [folder])
    assert result.status == "updated"
    assert kb.ask("Welchen Betrag nennt die Vorlage?").answered


@pytest.mark.parametrize(
    "broken", ['{"documents": {"v.txt": {"public": false}', "[1, 2]", '{"documents": 5}']
)
def test_a_broken_corpus_json_stops_that_folder_with_exit_code_1(
    tmp_path: Path, broken: str
) -> None:
    folder = tmp_path / "kaputt"
    _corpus(folder, {"v.txt": {}, "w.txt": {}})
    (folder / "corpus.json").write_text(broken, encoding="utf-8")
    other = tmp_path / "gut"
    _corpus(other, {"x.txt": {}})
    db_path = tmp_path / "kb.db"
    run = subprocess.run(
        [sys.executable, "-m", "bot", "--db", str(db_path), "ingest", str(folder), str(other)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1
    assert "corpus.json" in run.stderr
    names = [r[0] for r in open_db(db_path).conn.execute("SELECT name FROM documents")]
    assert names == ["x.txt"]  # the other folder went on; nothing of the broken one is public


async def test_document_button_never_sends_a_file_changed_since_ingest(
    live: Live, tmp_path: Path
) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    paper = folder / "vorlage-zuschuss.txt"
    paper.write_text("Der Zuschuss für den Jugendtreff Lohmar beträgt 12.345 Euro.\n")
    ingest_paths(live.dialog.kb.db, [folder])
    await live.send("Wie hoch ist der Zuschuss für den Jugendtreff Lohmar?", user_id=MEMBER)
    doc_button = dict(live.buttons(MEMBER, 0))["Dokument"]
    await live.press(doc_button, user_id=MEMBER)
    assert live.documents(MEMBER)[-1]["content"] == paper.read_bytes()
    # The file on disk now holds something else (an internal draft, say): not sent.
    paper.write_text("INTERN: Herr Quastenberg erhält eine Zulage.\n")
    await live.press(doc_button, user_id=MEMBER)
    sent = live.documents(MEMBER)[-1]["content"]
    assert b"Quastenberg" not in sent
    assert b"12.345 Euro" in sent  # the text that was ingested


def test_ask_on_the_command_line_shows_public_material_only(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    _corpus(folder, {"v.txt": {"public": "nein"}})
    db_path = tmp_path / "kb.db"
    ingest_paths(open_db(db_path), [folder])
    run = subprocess.run(
        [sys.executable, "-m", "bot", "--db", str(db_path), "ask", "Welchen Betrag?", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert json.loads(run.stdout)["answered"] is False
