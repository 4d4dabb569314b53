"""Word (.docx) and OpenDocument (.odt) files: text, headings, tables, and hostile archives."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from knowledge import filetext
from knowledge.filetext import UnreadableFile, read_bytes, read_document
from tests.documents import docx, odt
from tests.test_cli import run

LOTSEN = "Der Kreis richtet im Jahr 2030 neun Lotsenstellen für Geflüchtete ein."
TABLE = [["Maßnahme", "Stellen", "Kosten"], ["Lotsen", "9", "450.000 €"]]


@pytest.mark.parametrize("make", [docx, odt])
def test_paragraphs_heading_and_table_rows_become_lines(make: object) -> None:
    suffix = ".docx" if make is docx else ".odt"
    raw = make(["Erster Absatz.", LOTSEN], heading="Niederschrift Sozialausschuss", table=TABLE)  # type: ignore[operator]
    read = read_bytes(raw, suffix)
    lines = [ln for ln in read.text.splitlines() if ln.strip()]
    assert lines == [
        "Niederschrift Sozialausschuss",
        "Erster Absatz.",
        LOTSEN,
        "Maßnahme  Stellen  Kosten",
        "Lotsen  9  450.000 €",
    ]
    assert read.heading == "Niederschrift Sozialausschuss"
    assert read.raw == raw


def test_docx_without_heading_style_has_no_heading() -> None:
    assert read_bytes(docx([LOTSEN]), ".docx").heading is None


def test_odt_spaces_tabs_and_line_breaks() -> None:
    raw = odt(["x"])
    content = (
        '<?xml version="1.0"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
        '<text:p>Rhein<text:s text:c="3"/>Sieg<text:tab/>Kreis<text:line-break/>Siegburg'
        "<text:note><text:note-body><text:p>Fußnote</text:p></text:note-body></text:note></text:p>"
        "</office:text></office:body></office:document-content>"
    )
    raw = _replace(raw, "content.xml", content.encode())
    assert read_bytes(raw, ".odt").text == "Rhein   Sieg\tKreis\nSiegburg\n"


@pytest.mark.parametrize("suffix", [".docx", ".odt"])
def test_cli_ingests_word_and_opendocument(tmp_path: Path, suffix: str) -> None:
    raw = docx([LOTSEN]) if suffix == ".docx" else odt([LOTSEN])
    (tmp_path / f"lotsen{suffix}").write_bytes(raw)
    db = str(tmp_path / "kb.db")
    code, out, err = run("--db", db, "ingest", str(tmp_path))
    assert code == 0, err
    assert "1 neu" in out
    code, out, _ = run(
        "--db", db, "ask", "Wie viele Lotsenstellen richtet der Kreis ein?", "--json"
    )
    top = json.loads(out)["answers"][0]
    assert top["document"] == f"lotsen{suffix}"
    assert "neun Lotsenstellen" in top["text"]


# -- what is refused ---------------------------------------------------------------------------


def reason(raw: bytes, suffix: str) -> str:
    with pytest.raises(UnreadableFile) as info:
        read_bytes(raw, suffix)
    return str(info.value)


def _replace(raw: bytes, name: str, data: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, data if info.filename == name else src.read(info))
    return out.getvalue()


def test_not_a_zip_is_refused() -> None:
    assert reason(b"just some words", ".docx").startswith("not a readable Word file (")


def test_old_or_encrypted_word_file_is_named() -> None:
    # Office saves a password-protected .docx as an OLE compound file, like an old .doc.
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
    assert reason(ole, ".docx") == "encrypted or old-format Word file (save it as .docx again)"


def test_encrypted_opendocument_is_named() -> None:
    assert reason(odt([LOTSEN], encrypted=True), ".odt") == "encrypted OpenDocument file"


def test_zip_with_encrypted_members_is_refused() -> None:
    raw = bytearray(docx([LOTSEN]))
    # Set the "encrypted" bit in every central directory entry (PK\x01\x02, flags at +8).
    at = raw.find(b"PK\x01\x02")
    while at != -1:
        raw[at + 8] |= 0x1
        at = raw.find(b"PK\x01\x02", at + 4)
    assert reason(bytes(raw), ".docx") == "encrypted Word file"


def test_missing_main_part_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/other.xml", "<x/>")
    assert reason(out.getvalue(), ".docx") == "not a readable Word file (no word/document.xml)"


def test_broken_xml_is_refused() -> None:
    raw = _replace(docx([LOTSEN]), "word/document.xml", b"<w:document><w:body>")
    assert reason(raw, ".docx").startswith("not a readable Word file (")


def test_entity_expansion_is_refused() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><d>&b;</d>'
    )
    raw = _replace(docx([LOTSEN]), "word/document.xml", bomb)
    assert reason(raw, ".docx").startswith("not a readable Word file (")


def test_zip_bomb_is_refused_by_its_unpacked_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(filetext, "MAX_OFFICE_XML_BYTES", 1024 * 1024)
    paragraph = f"<w:p><w:r><w:t>{LOTSEN}</w:t></w:r></w:p>" * 40_000  # 3 MB, packs to KBs
    raw = docx([], body_xml=paragraph)
    assert len(raw) < 100_000
    assert reason(raw, ".docx") == "file too large unpacked (5 MB, limit 1 MB)"


def test_zip_bomb_whose_directory_lies_is_cut_while_unpacking(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(filetext, "MAX_OFFICE_XML_BYTES", 1024 * 1024)
    raw = bytearray(docx([], body_xml=f"<w:p><w:r><w:t>{LOTSEN}</w:t></w:r></w:p>" * 40_000))
    # Claim a small unpacked size in the central directory (uncompressed size at +24).
    at = raw.find(b"PK\x01\x02")
    while at != -1:
        name_len = int.from_bytes(raw[at + 28 : at + 30], "little")
        if raw[at + 46 : at + 46 + name_len] == b"word/document.xml":
            raw[at + 24 : at + 28] = (1000).to_bytes(4, "little")
        at = raw.find(b"PK\x01\x02", at + 4)
    # zipfile stops at the claimed size and finds the checksum wrong; the read is bounded too.
    assert reason(bytes(raw), ".docx") == (
        "not a readable Word file (BadZipFile Bad CRC-32 for file 'word/document.xml')"
    )


def test_too_many_members_are_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for i in range(filetext.MAX_OFFICE_MEMBERS + 1):
            archive.writestr(f"x/{i}", b"")
    assert reason(out.getvalue(), ".docx") == "not a readable Word file (over 10000 parts)"


def test_deeply_nested_opendocument_is_refused() -> None:
    deep = "<text:span>" * 50_000 + "x" + "</text:span>" * 50_000
    content = (
        '<?xml version="1.0"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
        f"<text:p>{deep}</text:p></office:text></office:body></office:document-content>"
    )
    raw = _replace(odt(["x"]), "content.xml", content.encode())
    assert reason(raw, ".odt") == "not a readable OpenDocument file (nested too deep)"


def test_document_without_text_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "leer.docx"
    path.write_bytes(docx([" ", ""]))
    with pytest.raises(UnreadableFile, match=r"^empty file$"):
        read_document(path)
