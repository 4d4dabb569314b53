"""Calendar commands that must do what they say (issue 8, part 3), end to end: the real PTB
Application over HTTP to the stand-in Bot API server, with a fake clock."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime, timedelta

from bot.actions import Action, decode
from bot.sender import TelegramSender
from scheduler.events import Event
from tests.live import ADMIN, MEMBER, STAFF, Live

PAST_SENTENCE = "Dieser Zeitpunkt liegt in der Vergangenheit."


def _proposal(title: str, start: datetime, uid: str) -> Event:
    return Event(
        title,
        start,
        description="Die Jury tagt am 06.12.2026 im Kreishaus (vertraulich).",
        document="2019-intern.txt",
        source="Niederschrift 2019-intern.txt",
        uid=uid,
    )


def _status_counts(text: str) -> dict[str, int]:
    """ausstehend, aktiv, abgemeldet from a German /status reply."""
    found = {
        "pending": re.search(r"ausstehend: (\d+)", text),
        "active": re.search(r"(\d+) aktiv", text),
        "stopped": re.search(r"(\d+) abgemeldet", text),
    }
    assert all(found.values()), text
    return {k: int(m.group(1)) for k, m in found.items() if m}


async def _drain(live: Live) -> None:
    """Send what is due; waiting moves the fake clock (per-chat pacing needs time to pass)."""

    async def fake_sleep(seconds: float) -> None:
        live.clock.advance(timedelta(seconds=max(seconds, 0.01)))
        await asyncio.sleep(0)

    await live.cal.tick(TelegramSender(live.app.bot, live.cal), sleep=fake_sleep)


async def _status(live: Live) -> dict[str, int]:
    await live.send("/status", user_id=STAFF)
    return _status_counts(live.texts(STAFF)[-1])


async def _new_event(live: Live, args: str) -> int:
    """Create an event as staff; returns the id the confirmation names."""
    await live.send(f"/termin_neu {args}", user_id=STAFF)
    m = re.search(r"#(\d+)", live.texts(STAFF)[-1])
    assert m, live.texts(STAFF)[-1]
    return int(m.group(1))


# -- one identifier ----------------------------------------------------------------------------


async def test_termine_shows_the_id_the_commands_take_and_refuses_a_proposal(live: Live) -> None:
    live.cal.propose([_proposal("Jurysitzung", datetime(2026, 12, 6, 9, tzinfo=UTC), "p1")])
    (proposal,) = live.cal.proposals()
    event_id = await _new_event(live, "16.12.2026 18:30 Jahresabschlussfeier @ Kreishaus")
    assert event_id != proposal.id

    await live.send("/termine", user_id=MEMBER)
    listing = live.texts(MEMBER)[-1]
    assert f"#{event_id} 16.12.2026 18:30 – Jahresabschlussfeier (Kreishaus)" in listing
    assert "1. " not in listing

    # The id of a hidden proposal is refused by both commands; nothing changes.
    await live.send(f"/termin_loeschen {proposal.id}", user_id=STAFF)
    refusal = live.texts(STAFF)[-1]
    assert f"#{proposal.id}" in refusal
    assert "/termine" in refusal
    await live.send(f"/termin_aendern {proposal.id} 20.12.2026 10:00 Anders", user_id=STAFF)
    assert "/termine" in live.texts(STAFF)[-1]
    kept = live.cal.get(proposal.id or 0)
    assert kept is not None
    assert kept.status == "proposed"
    assert kept.title == "Jurysitzung"

    # The listed id: deletion asks first, "Abbrechen" keeps the event.
    await live.send(f"/termin_loeschen #{event_id}", user_id=STAFF)
    question = live.texts(STAFF)[-1]
    assert "Jahresabschlussfeier" in question
    assert "löschen" in question
    (yes, no) = live.buttons(STAFF)
    assert yes[0] == "Ja, löschen"
    assert no[0] == "Abbrechen"
    assert live.cal.get(event_id) is not None
    await live.press(no[1], user_id=STAFF)
    assert live.cal.get(event_id) is not None
    assert "nicht gelöscht" in live.texts(STAFF)[-1]

    await live.send(f"/termin_loeschen {event_id}", user_id=STAFF)
    (yes, _no) = live.buttons(STAFF)
    await live.press(yes[1], user_id=MEMBER)  # a member cannot confirm
    assert live.cal.get(event_id) is not None
    await live.press(yes[1], user_id=STAFF)
    assert live.cal.get(event_id) is None
    assert f"Termin #{event_id} gelöscht" in live.texts(STAFF)[-1]
    await live.press(yes[1], user_id=STAFF)  # pressed again: nothing left to delete
    assert "gelöscht" not in live.texts(STAFF)[-1] or "nicht" in live.texts(STAFF)[-1]
    assert live.cal.get(proposal.id or 0) is not None
    assert live.refused() == []


async def test_past_discarded_and_unknown_ids_are_refused(live: Live) -> None:
    soon = await _new_event(live, "23.11.2026 12:00 Mittagstermin")
    live.cal.propose([_proposal("Verworfen", datetime(2026, 12, 8, 9, tzinfo=UTC), "p2")])
    (discarded,) = live.cal.proposals()
    assert discarded.id is not None
    live.cal.decide(discarded.id, accept=False)
    live.clock.advance(timedelta(hours=4))  # the Mittagstermin is over

    for ident in (soon, discarded.id, 987654):
        await live.send(f"/termin_loeschen {ident}", user_id=STAFF)
        assert f"#{ident}" in live.texts(STAFF)[-1]
        assert "/termine" in live.texts(STAFF)[-1]
        assert live.buttons(STAFF) == []
        await live.send(f"/termin_aendern {ident} 20.12.2026 10:00 Neu", user_id=STAFF)
        assert "/termine" in live.texts(STAFF)[-1]
    assert live.cal.get(soon) is not None
    assert live.cal.get(discarded.id) is not None
    assert live.cal.get(discarded.id).status == "discarded"  # type: ignore[union-attr]


async def test_staff_get_change_and_delete_buttons_in_private_only(live: Live) -> None:
    event_id = await _new_event(live, "#jury 16.12.2026 18:30 Preisvergabe @ Kreishaus")

    await live.send("/termine", user_id=MEMBER)
    member_buttons = live.buttons(MEMBER)
    assert [decode(d).kind for _, d in member_buttons] == ["ics"]  # type: ignore[union-attr]
    await live.send("/termine", user_id=STAFF, chat_id=-5, chat_type="group")
    assert [decode(d).kind for _, d in live.buttons(-5)] == ["ics"]  # type: ignore[union-attr]

    await live.send("/termine", user_id=STAFF)
    staff_buttons = live.buttons(STAFF)
    assert len(staff_buttons) == 3
    assert all(f"#{event_id}" in label for label, _ in staff_buttons)
    (_ics, change, delete) = staff_buttons

    await live.press(change[1], user_id=STAFF)
    assert (
        f"/termin_aendern {event_id} #jury 16.12.2026 18:30 Preisvergabe @ Kreishaus"
        in live.texts(STAFF)[-1]
    )
    await live.press(delete[1], user_id=STAFF)
    (yes, _no) = live.buttons(STAFF)
    assert yes[0] == "Ja, löschen"

    # The event changes before "Ja, löschen" is pressed: the old confirmation is refused.
    await live.send(f"/termin_aendern {event_id} 17.12.2026 18:30 Preisvergabe", user_id=STAFF)
    assert f"Termin #{event_id} geändert" in live.texts(STAFF)[-1]
    await live.press(yes[1], user_id=STAFF)
    assert "inzwischen geändert" in live.texts(STAFF)[-1]
    changed = live.cal.get(event_id)
    assert changed is not None
    assert changed.topic == "jury"
    assert live.refused() == []


# -- topics of /termin_neu ---------------------------------------------------------------------


async def _toggle(live: Live, chat: int, label: str) -> None:
    await live.send("/abo", user_id=chat)
    (data,) = [d for text, d in live.buttons(chat) if text.endswith(" " + label)]
    await live.press(data, user_id=chat)


async def test_termin_neu_takes_a_topic_and_subscribers_of_it_are_reminded(live: Live) -> None:
    sessions, jury, events, committee = 201, 202, 203, 204
    await _toggle(live, sessions, "Sitzungen")
    await _toggle(live, jury, "Jury")
    await _toggle(live, events, "Veranstaltungen")

    await live.send("/termin_neu 01.12.2026 17:00 Sitzung des Integrationsrats", user_id=STAFF)
    assert "Thema: Sitzungen" in live.texts(STAFF)[-1]
    await live.send("/termin_neu 01.12.2026 18:00 Jurytreffen Integrationspreis", user_id=STAFF)
    assert "Thema: Jury" in live.texts(STAFF)[-1]
    await live.send("/termin_neu 01.12.2026 19:00 Tag der offenen Tür", user_id=STAFF)
    assert "Thema: Veranstaltungen" in live.texts(STAFF)[-1]
    await live.send("/termin_neu #Sitzung 01.12.2026 20:00 Gespräch im Kreishaus", user_id=STAFF)
    assert "Thema: Sitzungen" in live.texts(STAFF)[-1]
    await live.send(
        "/termin_neu #Sozialausschuss 01.12.2026 16:00 Sitzung Sozialausschuss", user_id=STAFF
    )
    assert "Thema: Sozialausschuss" in live.texts(STAFF)[-1]
    await live.send("/termin_neu #ankuendigungen 01.12.2026 15:00 Falsch", user_id=STAFF)
    assert "#sitzungen" in live.texts(STAFF)[-1]
    assert "Falsch" not in [e.title for e in live.cal.upcoming()]

    # /abo now offers the committee, under the same name; subscribing to it plans reminders.
    await _toggle(live, committee, "Sozialausschuss")
    await live.send("/abo", user_id=committee)
    assert [t for t, _ in live.buttons(committee)].count("✅ Sozialausschuss") == 1
    # The same committee typed differently is the same topic.
    await live.send(
        "/termin_neu #SOZIALAUSSCHUSS 01.12.2026 15:00 Sitzung Sozialausschuss II", user_id=STAFF
    )
    assert "Thema: Sozialausschuss" in live.texts(STAFF)[-1]
    await live.send("/abo", user_id=committee)
    assert [t for t, _ in live.buttons(committee)].count("✅ Sozialausschuss") == 1

    live.clock.current = datetime(2026, 11, 30, 22, 0, tzinfo=UTC)  # the 1d reminders are due
    await _drain(live)
    reminded = {
        chat: {
            t.split(": ", 1)[1].split("\n")[0]
            for t in live.texts(chat)
            if t.startswith("Erinnerung")
        }
        for chat in (sessions, jury, events, committee)
    }
    assert reminded == {
        sessions: {
            "Sitzung des Integrationsrats",
            "Gespräch im Kreishaus",
            "Sitzung Sozialausschuss",
            "Sitzung Sozialausschuss II",
        },
        jury: {"Jurytreffen Integrationspreis"},
        events: {"Tag der offenen Tür"},
        committee: {"Sitzung Sozialausschuss", "Sitzung Sozialausschuss II"},
    }
    assert live.refused() == []


# -- subscriptions -----------------------------------------------------------------------------


async def test_resubscribing_and_changing_topics_or_offsets_replans_reminders(live: Live) -> None:
    await _new_event(live, "16.12.2026 18:30 Sitzung des Kreistags")
    await live.send("/abo alle", user_id=MEMBER)
    assert (await _status(live))["pending"] == 3  # 7d, 1d, 2h
    await live.send("/abbestellen", user_id=MEMBER)
    assert (await _status(live))["pending"] == 0
    await live.send("/abo alle", user_id=MEMBER)
    assert (await _status(live))["pending"] == 3

    await _toggle(live, MEMBER, "Alles")  # off
    assert (await _status(live))["pending"] == 0
    await _toggle(live, MEMBER, "Sitzungen")  # on again, by its kind
    assert (await _status(live))["pending"] == 3

    await live.send("/erinnerung 1d", user_id=MEMBER)
    assert (await _status(live))["pending"] == 1
    await live.send("/erinnerung 7d 1d 2h", user_id=MEMBER)
    assert (await _status(live))["pending"] == 3

    live.clock.current = datetime(2026, 12, 16, 15, 30, tzinfo=UTC)  # 16:30, 2 h before
    await _drain(live)
    assert sum("Sitzung des Kreistags" in t for t in live.texts(MEMBER)) == 3


async def test_after_unsubscribing_status_and_erinnerung_say_so(live: Live) -> None:
    await live.send("/abo alle", user_id=MEMBER)
    counts = await _status(live)
    assert (counts["active"], counts["stopped"]) == (1, 0)
    await live.send("/erinnerung", user_id=MEMBER)
    assert "Ich erinnere Sie 7 Tage, 1 Tag und 2 Stunden" in live.texts(MEMBER)[-1]

    await live.send("/abbestellen", user_id=MEMBER)
    counts = await _status(live)
    assert (counts["active"], counts["stopped"]) == (0, 1)
    await live.send("/erinnerung", user_id=MEMBER)
    reply = live.texts(MEMBER)[-1]
    assert "nicht abonniert" in reply
    assert "/abo" in reply
    assert "Ich erinnere Sie" not in reply

    # Setting offsets keeps them for later, but does not subscribe.
    await live.send("/erinnerung 1d", user_id=MEMBER)
    assert "/abo" in live.texts(MEMBER)[-1]
    counts = await _status(live)
    assert (counts["active"], counts["stopped"]) == (0, 1)
    await live.send("/abo alle", user_id=MEMBER)
    counts = await _status(live)
    assert (counts["active"], counts["stopped"]) == (1, 0)
    await live.send("/erinnerung", user_id=MEMBER)
    assert "Ich erinnere Sie 1 Tag vor" in live.texts(MEMBER)[-1]


# -- help --------------------------------------------------------------------------------------


async def test_hilfe_lists_calendar_commands_and_staff_commands_only_for_staff(
    live: Live,
) -> None:
    public = ["/frage", "/dokumente", "/termine", "/abo", "/erinnerung", "/abbestellen"]
    staff = ["/termin_neu", "/termin_aendern", "/termin_loeschen", "/vorschlaege", "/status"]

    await live.send("/hilfe", user_id=MEMBER)
    text = live.texts(MEMBER)[-1]
    assert all(c in text for c in public), text
    assert not any(c in text for c in staff), text

    await live.send("/hilfe", user_id=STAFF)
    text = live.texts(STAFF)[-1]
    assert all(c in text for c in public + staff), text
    assert "/staff_add" not in text  # administrators only

    await live.send("/hilfe", user_id=ADMIN)
    assert "/staff_add" in live.texts(ADMIN)[-1]

    await live.send("/hilfe", user_id=STAFF, chat_id=-5, chat_type="group")
    text = live.texts(-5)[-1]
    assert all(c in text for c in public), text
    assert not any(c in text for c in staff), text

    await live.send("/help", user_id=MEMBER, language_code="en")
    text = live.texts(MEMBER)[-1]
    assert all(c in text for c in ["/ask", "/events", "/subscribe", "/reminders", "/unsubscribe"])
    assert "/event_new" not in text


# -- calendar files ----------------------------------------------------------------------------


async def test_ics_file_carries_no_internal_note(live: Live) -> None:
    await _new_event(live, "16.12.2026 18:30 Jahresabschlussfeier @ Kreishaus")
    live.cal.propose([_proposal("Jurysitzung", datetime(2026, 12, 6, 9, tzinfo=UTC), "p3")])
    await live.send("/vorschlaege", user_id=STAFF)
    (accept, _discard) = live.buttons(STAFF)
    await live.press(accept[1], user_id=STAFF)
    assert "Übernommen" in live.texts(STAFF)[-1]

    await live.send("/termine", user_id=MEMBER)
    for _label, data in live.buttons(MEMBER):
        await live.press(data, user_id=MEMBER)
    files = live.documents(MEMBER)
    assert len(files) == 2
    for f in files:
        content = f["content"].decode()
        assert "BEGIN:VEVENT" in content
        assert "Telegram" not in content
        assert str(STAFF) not in content.replace("\r\n ", "")
        assert "DESCRIPTION" not in content  # neither the source nor a quote of the minutes
        assert "Niederschrift" not in content
        assert "vertraulich" not in content


# -- proposals ---------------------------------------------------------------------------------


async def test_accepting_a_past_proposal_is_refused_like_termin_neu(live: Live) -> None:
    live.cal.propose(
        [
            _proposal("Vergangene Sitzung", datetime(2026, 11, 20, 9, tzinfo=UTC), "old"),
            _proposal("Heute vorbei", datetime(2026, 11, 23, 8, tzinfo=UTC), "today"),
        ]
    )
    await live.send("/termin_neu 20.11.2026 10:00 Vergangene Sitzung", user_id=STAFF)
    assert live.texts(STAFF)[-1] == PAST_SENTENCE

    # /vorschlaege offers only what lies ahead (issue 10); a button from an older listing
    # still meets the rule.
    await live.send("/vorschlaege", user_id=STAFF)
    assert not [d for label, d in live.buttons(STAFF) if "Übernehmen" in label]
    accepts = [Action("acc", (e.id or 0, e.version)).encode() for e in live.cal.proposals()]
    assert len(accepts) == 2
    for data in accepts:
        await live.press(data, user_id=STAFF)
        assert live.texts(STAFF)[-1] == PAST_SENTENCE
    assert [e.status for e in live.cal.proposals()] == ["proposed", "proposed"]
    assert live.cal.upcoming() == []
    assert (await _status(live))["pending"] == 0


async def test_a_reminder_says_how_long_until_the_event_in_words(live: Live) -> None:
    await live.send("/abo alle", user_id=MEMBER)
    await live.send("/abo all", user_id=12, language_code="en")
    live.cal.create(Event("Sitzung des Integrationsrats", live.clock.now() + timedelta(days=3)))
    live.clock.advance(timedelta(days=3) - timedelta(hours=2))
    await live.drain()
    assert "(in 2 Stunden)" in live.texts(MEMBER)[-1]
    assert "(in 2 hours)" in live.texts(12)[-1]
