"""/luecken (/gaps): staff see the questions the documents could not answer, grouped."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.dialog import Dialog, Person
from bot.gaps import group_questions, question_terms
from knowledge.base import KnowledgeBase
from knowledge.store import open_db
from tests.fakes import FakeClock
from tests.live import MEMBER, STAFF, Live

OTHER = 12
GROUP = -5


async def test_declined_questions_are_grouped_most_asked_first(live: Live) -> None:
    for text, who in [
        ("Wann fährt der Bus nach Köln?", MEMBER),
        ("wann faehrt der bus nach koeln", OTHER),
        ("Wie viele Einwohner hat Bonn?", MEMBER),
        ("Was ist KIM?", MEMBER),  # answered: not a gap
        ("Wann fährt der Bus nach Köln", OTHER),
    ]:
        await live.send(text, user_id=who)
        live.clock.advance(timedelta(minutes=5))
    await live.send("/luecken", user_id=STAFF)
    text = live.texts(STAFF)[-1]
    assert "3 Fragen" not in text  # four declined, one answered
    assert "(4 Fragen, 2 Themen)" in text
    bus = text.index("Bus nach Köln")
    bonn = text.index("Einwohner hat Bonn")
    assert bus < bonn  # three times before once
    assert "3×" in text
    assert "1×" in text
    assert live.clock.now().strftime("%d.%m.%Y") in text
    assert "KIM" not in text
    ((label, data),) = live.buttons(STAFF)
    assert "CSV" in label
    await live.press(data, user_id=STAFF)
    (document,) = live.documents(STAFF)
    assert document["filename"].endswith(".csv")
    rows = list(csv.reader(io.StringIO(document["content"].decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Frage", "Anzahl", "Zuletzt gefragt"]
    assert [r[1] for r in rows[1:]] == ["3", "1"]
    assert "koeln" in rows[1][3].lower()  # the other wordings of the group
    assert live.refused() == []


async def test_members_and_groups_never_see_the_gaps(live: Live) -> None:
    await live.send("Wann fährt der Bus nach Köln?", user_id=MEMBER)
    await live.send("/luecken", user_id=MEMBER)
    assert "nur für Mitarbeitende" in live.texts(MEMBER)[-1]
    assert "Köln" not in live.texts(MEMBER)[-1]
    await live.send("/gaps", user_id=STAFF, chat_id=GROUP, chat_type="group")
    (reply,) = live.texts(GROUP)
    assert "privaten Chat" in reply
    assert "Köln" not in reply
    # A crafted CSV button press by a member is refused too.
    await live.send("/luecken", user_id=STAFF)
    ((_, data),) = live.buttons(STAFF)
    await live.press(data, user_id=MEMBER)
    assert live.documents(MEMBER) == []
    assert live.refused() == []


async def test_only_the_last_thirty_days_count_and_english_staff_get_english(
    live: Live,
) -> None:
    await live.send("Wie viele Einwohner hat Bonn?", user_id=MEMBER)
    live.clock.advance(timedelta(days=31))
    await live.send("/gaps", user_id=STAFF, language_code="en")
    assert "No question went unanswered in the last 30 days" in live.texts(STAFF)[-1]
    await live.send("Wann fährt der Bus nach Köln?", user_id=MEMBER)
    await live.send("/gaps", user_id=STAFF, language_code="en")
    text = live.texts(STAFF)[-1]
    assert "Unanswered questions" in text
    assert "Köln" in text
    assert "Bonn" not in text


async def test_deleted_questions_leave_the_gaps(live: Live) -> None:
    """/daten_loeschen and the retention delete stored questions; the gaps follow."""
    await live.send("Wann fährt der Bus nach Köln?", user_id=MEMBER)
    await live.send("/daten_loeschen", user_id=MEMBER)
    yes = live.buttons(MEMBER)[0][1]
    await live.press(yes, user_id=MEMBER)
    await live.send("/luecken", user_id=STAFF)
    assert "keine Frage unbeantwortet" in live.texts(STAFF)[-1]


def test_a_formula_typed_as_a_question_is_not_a_formula_in_the_csv(tmp_path: Path) -> None:
    db = open_db(tmp_path / "kb.db")
    kb = KnowledgeBase(db)
    dialog = Dialog(kb, FakeClock())
    staff = Person(STAFF, STAFF, staff=True)
    dialog.ask(Person(MEMBER, MEMBER), '=HYPERLINK("http://x";"Bus")')
    reply = dialog.press(staff, dialog.gaps.show(staff).buttons[0][0].data)
    assert reply.attachment is not None
    content = reply.attachment.content.decode("utf-8-sig")
    assert "'=HYPERLINK" in content


def test_old_databases_get_the_declined_column(tmp_path: Path) -> None:
    db = open_db(tmp_path / "old.db")
    db.conn.execute(
        "CREATE TABLE bot_questions (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, "
        "question TEXT NOT NULL, asked_at TEXT NOT NULL)"
    )
    db.conn.execute(
        "INSERT INTO bot_questions(user_id, question, asked_at) VALUES (1, 'alt', '2026-11-01')"
    )
    db.conn.commit()
    Dialog(KnowledgeBase(db), FakeClock())
    rows = db.conn.execute("SELECT question, declined FROM bot_questions").fetchall()
    assert rows == [("alt", 0)]  # kept, counted as answered


def test_typos_and_inflection_fold_into_one_group(kb: KnowledgeBase) -> None:
    when = datetime(2026, 11, 30, 10, tzinfo=UTC)
    questions = [
        "Wie hoch ist das Budget der Feuerwehr?",
        "wie hoch is das budgett der feuerwehr",
        "Welches Budget hat die Feuerwehr?",
        "Wer ist Bürgermeister von Siegburg?",
    ]
    gaps = group_questions([(q, when) for q in questions], lambda q: kb.analyse(q, internal=True))
    assert [g.count for g in gaps] == [3, 1]
    assert any("Siegburg" in g.example for g in gaps if g.count == 1)
    assert question_terms(kb.analyse("Wie hoch ist das Budget der Feuerwehr?"))
