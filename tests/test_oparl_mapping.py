"""The real OParl fixtures (../shared/fixtures/oparl, unchanged) parse and map."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.oparl import mapping as m
from knowledge.base import KnowledgeBase
from knowledge.ingest import ingest_texts
from knowledge.store import open_db

# ../shared/fixtures/oparl beside the checkout: real objects, used unchanged.
FIXTURES = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "oparl"
if not FIXTURES.is_dir():  # never a silent skip: say where they belong
    raise RuntimeError(
        f"OParl fixtures not found at {FIXTURES}: the tests read the real objects from the "
        "shared folder beside the checkout (../shared/fixtures/oparl); their data licence does "
        "not allow bundling them here"
    )


def load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def test_meeting_01_start_in_utc_with_place_and_agenda() -> None:
    fields = m.meeting_fields(load("Meeting-01.json"), {})
    assert fields.start_at == datetime(2013, 1, 4, 7, 0, tzinfo=UTC)
    assert fields.end_at == datetime(2013, 1, 4, 11, 0, tzinfo=UTC)
    assert fields.title == "4. Sitzung des Finanzausschusses"
    assert fields.place == "Rathaus der Beispielstadt, Ratshausplatz 1, 12345 Beispielstadt"
    assert fields.agenda == (m.AgendaItem("10.1", "Satzungsänderung für Ausschreibungen", True),)
    assert fields.topic is None  # its organization is only linked and unknown here
    event = fields.event()
    assert (event.source, event.status, event.uid) == (
        "oparl",
        "confirmed",
        "https://oparl.example.org/meeting/281",
    )


def test_meeting_topic_from_known_organizations() -> None:
    org = load("Organization-01.json")
    names = {m.object_id(org): m.organization_name(org)}
    meeting = load("wuppertal/meeting.json")  # OParl 1.0, two organizations, no agenda
    fields = m.meeting_fields(meeting, {meeting["organization"][1]: "Sozialausschuss"} | names)
    assert fields.topic == "Sozialausschuss"
    assert fields.agenda == ()
    assert fields.start_at == datetime(2020, 9, 29, 13, 0, tzinfo=UTC)


@pytest.mark.parametrize("name", ["10118", "10550", "10610"])
def test_karlsruhe_meetings_map(name: str) -> None:
    fields = m.meeting_fields(load(f"karlsruhe/meetings/{name}.json"), {})
    assert fields.title.startswith("Integrationsausschuss")
    assert fields.place
    if name == "10610":  # a future session without agenda, in winter time
        assert fields.agenda == ()
        assert fields.start_at == datetime(2026, 11, 19, 15, 30, tzinfo=UTC)
    else:
        assert len(fields.agenda) == 6


def test_paper_01_file_text_is_searchable() -> None:
    found = m.paper_document(load("Paper-01.json"))
    doc = found.document
    assert doc.name == "oparl/749"
    assert doc.meta.kind == "Beantwortung einer Anfrage"
    assert doc.meta.date == "2014-04-04"
    assert doc.meta.year == 2014
    assert "Antwort auf Anfrage 1200/2014" in doc.meta.title
    assert "Der Übersichtsplan zeigt alle Ebenen" in doc.text
    assert (found.files_read, found.files_skipped) == (1, 1)  # mainFile is a PDF only
    db = open_db(None)
    [result] = ingest_texts(db, [doc])
    assert result.status == "added"
    answer = KnowledgeBase(db).ask("Was zeigt der Übersichtsplan?")
    assert answer.answered
    assert answer.hits[0].source.name == "oparl/749"
    assert ingest_texts(db, [doc])[0].status == "unchanged"


def test_karlsruhe_paper_without_file_text() -> None:
    found = m.paper_document(load("karlsruhe/papers/54509.json"))
    assert found.document.name == "oparl/54509"
    assert found.document.meta.kind == "Informationsvorlage"
    assert (found.files_read, found.files_skipped) == (0, 1)


def test_meeting_01_minutes_without_text_make_no_document() -> None:
    meeting = load("Meeting-01.json")
    assert m.protocol_document(meeting, m.meeting_fields(meeting, {})) is None


@pytest.mark.parametrize(
    ("obj", "why"),
    [
        ("nope", "kein JSON-Objekt"),
        ({"id": "ftp://x/1", "start": "2020-01-01T10:00:00+01:00"}, "keine gültige id"),
        ({"id": "https://x/m/1", "start": "gestern"}, "Beginn unlesbar"),
        ({"id": "https://x/m/1"}, "Beginn fehlt"),
        ({"id": "https://x/m/1", "start": "2999-01-01T10:00:00+01:00"}, "Zeitfenster"),
    ],
)
def test_malformed_meetings_say_why(obj: Any, why: str) -> None:
    with pytest.raises(m.Malformed, match=why):
        m.meeting_fields(obj, {})


def test_location_fallbacks() -> None:
    assert m.place_of({"room": "Saal 1", "streetAddress": "Markt 1"}) == "Saal 1, Markt 1"
    assert m.place_of("https://x/location/1") is None
    assert m.id_tail("https://x/papers/vo/54509") == "54509"
    assert len(m.id_tail("https://x/")) == 12
