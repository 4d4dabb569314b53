"""Scanned PDFs are read by OCR (pypdfium2 + Tesseract), mixed PDFs page by page, and a
missing Tesseract is said, with how to install it, never passed over in silence.

These tests need Tesseract with its German model; without it they fail with the install
instruction (scripts/ensure_ocr.sh installs it, the README's test command runs that first)."""

from __future__ import annotations

import json
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from knowledge import ocr
from knowledge.filetext import PAGE_SEPARATOR, NoTextLayer, OcrNotInstalled, read_bytes
from tests.documents import mixed_pdf, require_tesseract, scanned_pdf
from tests.test_cli import run
from tests.test_filetext import text_pdf

LOTSEN = ["Der Kreis richtet im Jahr 2030 neun", "Lotsenstellen für Geflüchtete ein."]
JURY = ["Die nächste Jurysitzung findet am 21.11.2030", "im Kreishaus in Siegburg statt."]
INSTALL = "apt-get install tesseract-ocr tesseract-ocr-deu"


@pytest.fixture(autouse=True)
def _tesseract_checked_afresh() -> Iterator[None]:
    """Each test finds out itself whether Tesseract is there (PATH may be changed)."""
    ocr._ready = False
    yield
    ocr._ready = False


@pytest.fixture
def no_tesseract(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A machine without the tesseract command."""
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))


def words(text: str) -> str:
    return " ".join(text.split())


def test_scanned_pdf_is_read_by_ocr() -> None:
    require_tesseract()
    read = read_bytes(scanned_pdf(LOTSEN), ".pdf")
    assert "neun Lotsenstellen für Geflüchtete" in words(read.text)
    assert read.ocr_pages == 1
    assert read.notes == ()


def test_mixed_pdf_reads_text_layer_and_scanned_pages_in_order() -> None:
    require_tesseract()
    raw = mixed_pdf(text_pdf("Tagesordnung der Sitzung des Sozialausschusses"), scanned_pdf(JURY))
    read = read_bytes(raw, ".pdf")
    first, second = read.text.split(PAGE_SEPARATOR)
    assert first.strip() == "Tagesordnung der Sitzung des Sozialausschusses"
    assert "Jurysitzung findet am 21.11.2030" in words(second)
    assert read.ocr_pages == 1


def test_pages_beyond_the_ocr_limit_are_left_out_and_said(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    require_tesseract()
    monkeypatch.setattr(ocr, "MAX_OCR_PAGES", 1)
    read = read_bytes(scanned_pdf(LOTSEN, JURY), ".pdf")
    assert "Lotsenstellen" in read.text
    assert "Jurysitzung" not in read.text
    assert read.notes == (
        "1 scanned page(s) after the first 1 were not read (OCR limit per document)",
    )


def test_cli_answers_from_a_scan_and_proposes_its_appointment(tmp_path: Path) -> None:
    require_tesseract()
    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / "niederschrift-2030.pdf").write_bytes(scanned_pdf(LOTSEN + JURY))
    db = str(tmp_path / "kb.db")
    code, out, err = run("--db", db, "ingest", str(folder))
    assert code == 0, err
    assert "1 neu" in out
    assert "1 Terminvorschlag" in out  # the Jurysitzung on 21.11.2030
    code, out, _ = run(
        "--db", db, "ask", "Wie viele Lotsenstellen richtet der Kreis ein?", "--json"
    )
    answer = json.loads(out)
    assert answer["answered"], answer
    assert answer["answers"][0]["document"] == "niederschrift-2030.pdf"
    assert "neun Lotsenstellen" in answer["answers"][0]["text"]


# -- without Tesseract ---------------------------------------------------------------------------


@pytest.mark.usefixtures("no_tesseract")
def test_scan_without_tesseract_says_how_to_install() -> None:
    with pytest.raises(OcrNotInstalled) as info:
        read_bytes(scanned_pdf(LOTSEN), ".pdf")
    assert str(info.value) == (
        "OCR is not installed (no tesseract command): scanned pages need Tesseract with its "
        f"German model (Debian/Ubuntu: {INSTALL})"
    )


@pytest.mark.usefixtures("no_tesseract")
def test_mixed_pdf_without_tesseract_keeps_the_text_and_notes_the_scans() -> None:
    raw = mixed_pdf(text_pdf("Tagesordnung der Sitzung"), scanned_pdf(JURY))
    read = read_bytes(raw, ".pdf")
    assert read.text.strip() == "Tagesordnung der Sitzung"
    assert len(read.notes) == 1
    assert read.notes[0].startswith("1 scanned page(s) not read: OCR is not installed")
    assert INSTALL in read.notes[0]


@pytest.mark.usefixtures("no_tesseract")
def test_cli_says_ocr_is_not_installed(tmp_path: Path) -> None:
    (tmp_path / "scan.pdf").write_bytes(scanned_pdf(LOTSEN))
    code, out, err = run("--db", str(tmp_path / "kb.db"), "ingest", str(tmp_path / "scan.pdf"))
    assert code == 1
    assert "1 Fehler" in out
    assert "OCR is not installed" in err
    assert INSTALL in err


def test_tesseract_without_the_german_model_is_named(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake = tmp_path / "bin" / "tesseract"
    fake.parent.mkdir()
    fake.write_text('#!/bin/sh\necho "List of available languages (2):"\necho eng\necho osd\n')
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", str(fake.parent))
    with pytest.raises(OcrNotInstalled, match="no German model tesseract-ocr-deu"):
        read_bytes(scanned_pdf(LOTSEN), ".pdf")


@pytest.mark.usefixtures("no_tesseract")
def test_blank_pages_need_no_ocr() -> None:
    """A page without text and without an image is empty, not a scan: no OCR is asked for."""
    from pypdf import PdfWriter

    from tests.test_filetext import written

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with pytest.raises(NoTextLayer, match=r"^no text layer") as info:
        read_bytes(written(writer), ".pdf")
    assert type(info.value) is NoTextLayer
