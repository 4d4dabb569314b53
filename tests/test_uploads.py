"""Staff send documents to the bot: preview, "Öffentlich" / "Intern" / "Verwerfen", the same
file twice, new versions, refusals; and /dokument_entfernen. Through the real Application and
the stand-in Bot API server (getFile and the file download included)."""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from bot import uploads as uploads_module
from bot.app import file_base_url
from bot.uploads import Uploads
from knowledge import ocr
from tests.documents import docx, odt, require_tesseract, scanned_pdf
from tests.live import ADMIN, MEMBER, STAFF, Live
from tests.test_filetext import text_pdf

LOTSEN = "Der Kreis richtet im Jahr 2030 neun Lotsenstellen für Geflüchtete ein."
LOTSEN_LINES = ["Der Kreis richtet im Jahr 2030 neun", "Lotsenstellen für Geflüchtete ein."]
QUESTION = "Wie viele Lotsenstellen richtet der Kreis ein?"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
INSTALL = "apt-get install tesseract-ocr tesseract-ocr-deu"


def make_text_pdf() -> bytes:
    return text_pdf(LOTSEN)


def make_scan() -> bytes:
    require_tesseract()
    return scanned_pdf(LOTSEN_LINES)


def make_docx() -> bytes:
    return docx([LOTSEN], heading="Konzept Lotsenstellen")


def make_odt() -> bytes:
    return odt([LOTSEN], heading="Konzept Lotsenstellen")


KINDS: list[tuple[str, str | None, Callable[[], bytes]]] = [
    ("lotsen.pdf", "application/pdf", make_text_pdf),
    ("scan.pdf", "application/pdf", make_scan),
    ("lotsen.docx", DOCX, make_docx),
    ("lotsen.odt", ODT, make_odt),
]


def documents_count(live: Live) -> int:
    return int(live.dialog.db.conn.execute("SELECT count(*) FROM documents").fetchone()[0])


def calls(live: Live, method: str) -> int:
    return sum(1 for c in live.server.snapshot() if c.method == method)


async def upload(
    live: Live,
    content: bytes,
    file_name: str | None,
    *,
    mime_type: str | None = None,
    caption: str | None = None,
    user_id: int = STAFF,
) -> str:
    """Send a file as `user_id`; the bot's last reply to them."""
    await live.send_document(
        content, file_name, mime_type=mime_type, caption=caption, user_id=user_id
    )
    return live.texts(user_id)[-1]


def button(live: Live, label_start: str, user_id: int = STAFF) -> str:
    """The callback data of the button (under the last message) whose label starts so."""
    found = [data for label, data in live.buttons(user_id) if label.startswith(label_start)]
    assert len(found) == 1, live.buttons(user_id)
    return found[0]


async def answered(live: Live, user_id: int = MEMBER, question: str = QUESTION) -> str:
    await live.send(question, user_id=user_id)
    return live.texts(user_id)[-1]


# -- the four kinds of file, public ------------------------------------------------------------


@pytest.mark.parametrize(("file_name", "mime", "make"), KINDS, ids=[k[0] for k in KINDS])
async def test_staff_upload_preview_then_public_answers_members(
    live: Live, file_name: str, mime: str | None, make: Callable[[], bytes]
) -> None:
    before = documents_count(live)
    preview = await upload(live, make(), file_name, mime_type=mime)
    assert preview.startswith("Vorschau: „"), preview
    assert "Passagen" in preview
    assert "neun" in preview  # the first lines of text
    labels = [label for label, _ in live.buttons(STAFF)]
    assert [label.split()[0] for label in labels] == ["Öffentlich", "Intern", "Verwerfen"]
    assert live.server.downloads  # the file was fetched over the file URL
    # Nothing is searchable before the choice.
    assert "nichts Belastbares" in await answered(live)
    assert documents_count(live) == before

    await live.press(button(live, "Öffentlich"), user_id=STAFF)
    assert "Gespeichert und für alle durchsuchbar" in live.texts(STAFF)[-1]
    assert documents_count(live) == before + 1
    reply = await answered(live)
    assert "neun Lotsenstellen" in reply, reply
    assert live.refused() == []


async def test_preview_names_title_kind_year_and_appointments(live: Live) -> None:
    raw = docx(
        [LOTSEN, "Die nächste Jurysitzung findet am 21.11.2030 im Kreishaus statt."],
        heading="Niederschrift der Sitzung des Integrationsrates",
    )
    preview = await upload(live, raw, "ir.docx", mime_type=DOCX)
    assert "Vorschau: „Niederschrift der Sitzung des Integrationsrates“" in preview
    assert "Art: Niederschrift · Jahr: 2030 · " in preview
    assert "1 Termine" in preview
    assert "Titel aus der ersten Überschrift" in preview
    await live.press(button(live, "Öffentlich"), user_id=STAFF)
    assert "1 Terminvorschlag/-vorschläge warten in /vorschlaege" in live.texts(STAFF)[-1]
    await live.send("/vorschlaege", user_id=STAFF)
    assert "21.11.2030" in live.texts(STAFF)[-1]


async def test_caption_gives_the_title(live: Live) -> None:
    preview = await upload(
        live, text_pdf(LOTSEN), "scan_0042.pdf", caption="Lotsenkonzept 2030\nbitte prüfen"
    )
    assert preview.startswith("Vorschau: „Lotsenkonzept 2030“")
    assert "Titel aus Ihrer Bildunterschrift" in preview
    await live.press(button(live, "Öffentlich"), user_id=STAFF)
    await live.send("/dokumente", user_id=MEMBER)
    assert "Lotsenkonzept 2030" in live.texts(MEMBER)[-1]


async def test_english_staff_get_english_texts(live: Live) -> None:
    await live.send_document(make_docx(), "l.docx", user_id=STAFF, language_code="en")
    assert live.texts(STAFF)[-1].startswith("Preview: “Konzept Lotsenstellen”")
    assert [label.split()[0] for label, _ in live.buttons(STAFF)] == [
        "Public",
        "Internal",
        "Discard",
    ]


# -- internal, discard --------------------------------------------------------------------------


async def test_internal_is_for_staff_in_private_only(live: Live) -> None:
    await upload(live, make_docx(), "lotsen.docx", mime_type=DOCX)
    await live.press(button(live, "Intern"), user_id=STAFF)
    assert "Gespeichert als intern" in live.texts(STAFF)[-1]
    assert "nichts Belastbares" in await answered(live, MEMBER)
    await live.send("/dokumente", user_id=MEMBER)
    assert "Konzept Lotsenstellen" not in live.texts(MEMBER)[-1]
    assert "neun Lotsenstellen" in await answered(live, STAFF)
    await live.send(f"/frage {QUESTION}", user_id=STAFF, chat_id=-5, chat_type="group")
    assert "neun Lotsenstellen" not in live.texts(-5)[-1]


async def test_discard_stores_nothing(live: Live) -> None:
    before = documents_count(live)
    await upload(live, make_docx(), "lotsen.docx", mime_type=DOCX)
    public = button(live, "Öffentlich")
    await live.press(button(live, "Verwerfen"), user_id=STAFF)
    assert live.texts(STAFF)[-1] == "Verworfen – es wurde nichts gespeichert."
    assert documents_count(live) == before
    assert "nichts Belastbares" in await answered(live, STAFF)
    row = live.dialog.db.conn.execute("SELECT status, text FROM pending_uploads").fetchone()
    assert row == ("discarded", None)  # the text is not kept
    # The buttons are spent.
    await live.press(public, user_id=STAFF)
    assert live.toasts()[-1] == "Über diese Datei wurde schon entschieden."
    assert documents_count(live) == before


# -- the same file twice, new versions ----------------------------------------------------------


async def test_same_file_twice_is_recognised_and_stored_once(live: Live) -> None:
    raw = make_docx()
    await upload(live, raw, "lotsen.docx", mime_type=DOCX)
    await live.press(button(live, "Öffentlich"), user_id=STAFF)
    count = documents_count(live)
    again = await upload(live, raw, "lotsen-kopie.docx", mime_type=DOCX)
    assert again == (
        "Dieses Dokument kenne ich schon: „Konzept Lotsenstellen“. "
        "Es wurde nicht noch einmal gespeichert."
    )
    assert live.buttons(STAFF) == []
    assert documents_count(live) == count


async def test_same_file_pending_twice_is_stored_once(live: Live) -> None:
    raw = make_odt()
    await upload(live, raw, "a.odt", mime_type=ODT)
    first = button(live, "Öffentlich")
    await upload(live, raw, "b.odt", mime_type=ODT)
    second = button(live, "Öffentlich")
    await live.press(first, user_id=STAFF)
    count = documents_count(live)
    await live.press(second, user_id=STAFF)
    assert "kenne ich schon" in live.texts(STAFF)[-1]
    assert documents_count(live) == count


async def test_new_version_with_same_title_replaces_after_confirmation(live: Live) -> None:
    await upload(live, make_docx(), "v1.docx", mime_type=DOCX)
    await live.press(button(live, "Öffentlich"), user_id=STAFF)
    count = documents_count(live)
    v2 = docx(
        ["Der Kreis richtet im Jahr 2031 zwölf Lotsenstellen für Geflüchtete ein."],
        heading="Konzept Lotsenstellen",
    )
    preview = await upload(live, v2, "v2.docx", mime_type=DOCX)
    assert "Ein Dokument mit diesem Titel gibt es schon" in preview
    await live.press(button(live, "Öffentlich"), user_id=STAFF)
    question = live.texts(STAFF)[-1]
    assert question.startswith("„Konzept Lotsenstellen“ gibt es schon (gespeichert ")
    assert documents_count(live) == count  # nothing changed yet
    assert "neun Lotsenstellen" in await answered(live)
    await live.press(button(live, "Ja, ersetzen (öffentlich)"), user_id=STAFF)
    assert "Die alte Fassung von „Konzept Lotsenstellen“ ist ersetzt." in live.texts(STAFF)[-1]
    assert documents_count(live) == count
    reply = await answered(live)
    assert "zwölf Lotsenstellen" in reply
    assert "neun" not in reply


# -- who may ------------------------------------------------------------------------------------


async def test_member_upload_is_refused_without_download(live: Live) -> None:
    reply = await upload(live, make_docx(), "lotsen.docx", mime_type=DOCX, user_id=MEMBER)
    assert reply == (
        "Danke! Dokumente hinzufügen können nur Mitarbeitende des KI; Ihre Datei habe ich nicht "
        "geöffnet. Fragen zu den vorhandenen Unterlagen beantworte ich gern."
    )
    assert calls(live, "getFile") == 0
    assert live.server.downloads == []
    assert live.dialog.db.conn.execute("SELECT count(*) FROM pending_uploads").fetchone() == (0,)


async def test_files_in_groups_are_not_downloaded(live: Live) -> None:
    await live.send_document(make_docx(), "x.docx", user_id=MEMBER, chat_id=-7, chat_type="group")
    assert live.texts(-7) == []
    await live.send_document(make_docx(), "x.docx", user_id=STAFF, chat_id=-7, chat_type="group")
    assert live.texts(-7) == [
        "Dokumente nehme ich nur im privaten Chat mit mir an – hier lesen alle mit."
    ]
    assert calls(live, "getFile") == 0


async def test_only_the_sender_decides(live: Live) -> None:
    await upload(live, make_docx(), "lotsen.docx", mime_type=DOCX)
    public = button(live, "Öffentlich")
    count = documents_count(live)
    await live.press(public, user_id=ADMIN)
    assert live.toasts()[-1].startswith("Darüber entscheidet, wer die Datei geschickt hat.")
    await live.press(public, user_id=MEMBER)
    assert live.texts(MEMBER)[-1].startswith("Das dürfen nur Mitarbeitende des KI.")
    assert documents_count(live) == count
    await live.press(public, user_id=STAFF)
    assert documents_count(live) == count + 1


async def test_pending_upload_survives_a_restart(live: Live) -> None:
    await upload(live, make_docx(), "lotsen.docx", mime_type=DOCX)
    public = button(live, "Öffentlich")
    # A new process: nothing of the upload is in memory, the database holds it.
    live.app.bot_data["uploads"] = Uploads(live.dialog.kb, live.clock, calendar=live.cal)
    await live.press(public, user_id=STAFF)
    assert "Gespeichert und für alle durchsuchbar" in live.texts(STAFF)[-1]
    assert "neun Lotsenstellen" in await answered(live)


# -- refusals -----------------------------------------------------------------------------------


async def test_broken_pdf_is_answered_in_one_sentence(
    live: Live, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="gremienbot.uploads")
    count = documents_count(live)
    reply = await upload(live, b"%PDF-1.4\n1 0 obj << /Type /Catalog", "kaputt.pdf")
    assert reply.startswith("Die Datei kann ich nicht lesen: Sie ist beschädigt")
    assert "PDF" not in reply  # the technical reason goes to the log, not to the chat
    assert reply.endswith("Es wurde nichts gespeichert.")
    assert live.buttons(STAFF) == []
    assert documents_count(live) == count
    assert live.dialog.db.conn.execute("SELECT count(*) FROM pending_uploads").fetchone() == (0,)
    assert [r.message for r in caplog.records if r.name == "gremienbot.uploads"][-1].startswith(
        "upload refused: not a readable PDF"
    )


async def test_encrypted_pdf_is_named(live: Live) -> None:
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(text_pdf(LOTSEN))))
    writer.encrypt("geheim", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    reply = await upload(live, out.getvalue(), "geheim.pdf")
    assert reply.startswith("Die Datei ist verschlüsselt oder mit einem Kennwort geschützt")


async def test_oversized_file_is_refused_before_download(live: Live) -> None:
    big = b"%PDF-1.4\n" + b"0" * (21 * 1024 * 1024)
    reply = await upload(live, big, "riesig.pdf", mime_type="application/pdf")
    assert reply == (
        "Die Datei ist zu groß (22 MB); Telegram lässt mich nur Dateien bis 20 MB "
        "herunterladen. Es wurde nichts gespeichert."
    )
    assert calls(live, "getFile") == 0
    assert live.server.downloads == []


async def test_oversized_file_without_announced_size_is_refused_by_get_file(live: Live) -> None:
    big = b"%PDF-1.4\n" + b"0" * (21 * 1024 * 1024)
    document = live.server.add_file(big, "riesig.pdf", "application/pdf")
    del document["file_size"]
    from telegram import Update

    update = live.server.document_update(STAFF, document, user_id=STAFF)
    await live.app.process_update(Update.de_json(update, live.app.bot))
    assert live.texts(STAFF)[-1].startswith("Die Datei ist zu groß")
    assert live.server.downloads == []


async def test_unknown_type_is_refused_before_download(live: Live) -> None:
    reply = await upload(live, b"\x89PNG....", "foto.png", mime_type="image/png")
    assert reply.startswith("„foto.png“ kann ich nicht lesen: Ich nehme PDF, Word (.docx)")
    assert calls(live, "getFile") == 0


async def test_scan_without_ocr_says_how_to_install(
    live: Live, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    raw = scanned_pdf(LOTSEN_LINES)
    monkeypatch.setattr(ocr, "_ready", False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    reply = await upload(live, raw, "scan.pdf")
    assert reply.startswith("Das ist ein Scan, aber die Texterkennung (OCR) ist auf dem Server")
    assert INSTALL in reply


# -- /dokument_entfernen ------------------------------------------------------------------------


async def test_remove_a_document_with_confirmation(
    live: Live, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(uploads_module, "REMOVE_PAGE", 2)
    await upload(live, make_docx(), "lotsen.docx", mime_type=DOCX)
    await live.press(button(live, "Öffentlich"), user_id=STAFF)
    count = documents_count(live)
    await live.send("/dokument_entfernen", user_id=STAFF)
    pages = -(-count // 2)
    assert live.texts(STAFF)[-1].endswith(f"(Seite 1 von {pages})")
    # Page through to the uploaded document.
    for _ in range(pages):
        if any(label.startswith("Konzept Lotsenstellen") for label, _ in live.buttons(STAFF)):
            break
        await live.press(button(live, "weiter"), user_id=STAFF)
    await live.press(button(live, "Konzept Lotsenstellen (2030)"), user_id=STAFF)
    assert live.texts(STAFF)[-1].startswith("„Konzept Lotsenstellen“ (Konzept, 2030) entfernen?")
    confirm = button(live, "Ja, entfernen")
    await live.press(button(live, "Abbrechen"), user_id=STAFF)
    assert live.texts(STAFF)[-1] == "Abgebrochen – es wurde nichts entfernt."
    assert documents_count(live) == count
    await live.press(confirm, user_id=STAFF)
    assert live.texts(STAFF)[-1] == "Entfernt: „Konzept Lotsenstellen“."
    assert documents_count(live) == count - 1
    assert "nichts Belastbares" in await answered(live)
    # The same button again (the list is out of date now).
    await live.press(confirm, user_id=STAFF)
    assert live.toasts()[-1].startswith("Dieses Dokument gibt es nicht mehr")
    assert documents_count(live) == count - 1


async def test_removing_a_document_withdraws_its_open_proposals(live: Live) -> None:
    text = (
        "Niederschrift Jury. Die Jurysitzung zum Integrationspreis findet am 14.01.2027 um "
        "10:00 Uhr im Kreishaus Siegburg statt."
    )
    await upload(live, docx([text], heading="Jury Integrationspreis"), "jury.docx", mime_type=DOCX)
    await live.press(button(live, "Öffentlich"), user_id=STAFF)
    await live.send("/vorschlaege", user_id=STAFF)
    assert "14.01.2027" in live.texts(STAFF)[-1]
    await live.send("/dokument_entfernen", user_id=STAFF)
    while not any(label.startswith("Jury Integrationspreis") for label, _ in live.buttons(STAFF)):
        await live.press(button(live, "weiter"), user_id=STAFF)
    await live.press(button(live, "Jury Integrationspreis"), user_id=STAFF)
    await live.press(button(live, "Ja, entfernen"), user_id=STAFF)
    await live.send("/vorschlaege", user_id=STAFF)
    assert "14.01.2027" not in live.texts(STAFF)[-1]


async def test_remove_is_for_staff_in_private(live: Live) -> None:
    count = documents_count(live)
    await live.send("/dokument_entfernen", user_id=MEMBER)
    assert live.texts(MEMBER)[-1].startswith("Das dürfen nur Mitarbeitende des KI.")
    assert live.buttons(MEMBER) == []
    await live.send("/document_remove", user_id=STAFF, chat_id=-5, chat_type="group")
    assert live.texts(-5)[-1].startswith("Befehle für Mitarbeitende gehen nur im privaten Chat")
    doc_id = live.dialog.db.conn.execute("SELECT min(id) FROM documents").fetchone()[0]
    from bot.actions import Action
    from knowledge.store import generation

    crafted = Action("drmok", (doc_id, generation(live.dialog.db), 1)).encode()
    await live.press(crafted, user_id=MEMBER)
    assert documents_count(live) == count


def test_incoming_file_names() -> None:
    from bot.uploads import Incoming

    assert Incoming("Protokoll.PDF", None, 1).name == "Protokoll.PDF"
    assert Incoming("", "application/pdf", 1).name == "dokument.pdf"
    assert Incoming("bericht", DOCX, 1).name == "bericht.docx"
    assert Incoming("bild.png", "application/pdf", 1).suffix is None  # the name says otherwise
    assert Incoming("notiz.MD", None, 1).suffix == ".md"


def test_file_base_url_follows_the_api_url() -> None:
    assert file_base_url("https://api.telegram.org/bot") == "https://api.telegram.org/file/bot"
    assert file_base_url("http://127.0.0.1:8081/bot/") == "http://127.0.0.1:8081/file/bot"
    assert file_base_url("http://botapi.local/") == "http://botapi.local/file/bot"
    assert file_base_url("http://h/bot{token}/test") == "http://h/file/bot{token}/test"
