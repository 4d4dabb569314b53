"""knowledge.filetext: one file -> text, every failure an UnreadableFile."""

from __future__ import annotations

import io
import logging
import os
import random
from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.errors import DependencyError

from knowledge import filetext
from knowledge.filetext import (
    PAGE_SEPARATOR,
    SUPPORTED_SUFFIXES,
    NoTextLayer,
    UnreadableFile,
    read_text,
)

TITLE = "Integrationszentrum Rhein-Sieg-Kreis"


def text_pdf(*pages: str) -> bytes:
    """A minimal valid PDF: one Helvetica text line per page, xref offsets computed."""
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, line in enumerate(pages):
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        content = f"BT /F1 12 Tf 72 720 Td ({escaped}) Tj ET".encode("latin-1")
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * i)
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def written(writer: PdfWriter) -> bytes:
    """The bytes pypdf writes for `writer`."""
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def encrypted_pdf(user_password: str) -> bytes:
    """TITLE's PDF encrypted (RC4-128, pypdf's default) with `user_password`."""
    writer = PdfWriter(clone_from=io.BytesIO(text_pdf(TITLE)))
    writer.encrypt(user_password, owner_password="owner-secret")
    return written(writer)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    """`data` saved as tmp_path/name."""
    path = tmp_path / name
    path.write_bytes(data)
    return path


def reason(path: Path) -> str:
    """The UnreadableFile message for `path`."""
    with pytest.raises(UnreadableFile) as info:
        read_text(path)
    return str(info.value)


# --- PDF ---------------------------------------------------------------------------------------


def test_pdf_text_layer_comes_back(tmp_path: Path) -> None:
    assert read_text(write(tmp_path, "a.pdf", text_pdf(TITLE))).strip() == TITLE


def test_pdf_pages_are_joined_by_the_page_separator(tmp_path: Path) -> None:
    text = read_text(write(tmp_path, "a.pdf", text_pdf("Erste Seite", "Zweite Seite")))
    assert PAGE_SEPARATOR == "\n\n\n\n"
    assert [page.strip() for page in text.split(PAGE_SEPARATOR)] == ["Erste Seite", "Zweite Seite"]


def test_pdf_suffix_is_case_insensitive(tmp_path: Path) -> None:
    assert TITLE in read_text(write(tmp_path, "A.PDF", text_pdf(TITLE)))


def test_blank_pdf_has_no_text_layer(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_blank_page(width=595, height=842)
    path = write(tmp_path, "scan.pdf", written(writer))
    with pytest.raises(NoTextLayer, match=r"^no text layer \(scanned PDF without OCR\?\)$"):
        read_text(path)


def test_pdf_without_pages_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "none.pdf", written(PdfWriter()))
    assert reason(path) == "PDF has no pages"


@pytest.mark.parametrize("keep", [0.2, 0.5, 0.9])
def test_truncated_pdf_is_reported_as_truncated(tmp_path: Path, keep: float) -> None:
    data = text_pdf(TITLE, "Zweite Seite")
    path = write(tmp_path, "cut.pdf", data[: int(len(data) * keep)])
    assert reason(path) == "not a readable PDF: truncated (no %%EOF marker at the end)"


@pytest.mark.parametrize(
    "junk", [b"\x00" * 2000, b"<html>" + b"x" * 3000], ids=["nul-padding", "appended-html"]
)
def test_pdf_with_junk_after_its_end_is_still_read(tmp_path: Path, junk: bytes) -> None:
    assert read_text(write(tmp_path, "tail.pdf", text_pdf(TITLE) + junk)).strip() == TITLE


@pytest.mark.parametrize(
    "data",
    [
        random.Random(7).randbytes(4000),
        b"%PDF-1.4\n",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<",
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R >>\nendobj\n"
        b"trailer\n<< /Root 1 0 R >>\n%%EOF",
        b"<html><body>404 Not Found</body></html>\n%%EOF",
    ],
    ids=["random", "header-only", "unterminated-object", "dangling-pages", "html"],
)
def test_garbage_with_pdf_suffix_is_refused(tmp_path: Path, data: bytes) -> None:
    msg = reason(write(tmp_path, "junk.pdf", data))
    assert msg.startswith("not a readable PDF: ")
    assert ("no PDF header" in msg) == (b"%PDF-" not in data)
    assert "\n" not in msg
    assert len(msg) <= len("not a readable PDF: ") + 100


def test_empty_pdf_is_refused(tmp_path: Path) -> None:
    assert reason(write(tmp_path, "empty.pdf", b"")) == "empty file"


def test_damaged_pdfs_raise_only_unreadable_file_and_stay_quiet(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    level_before = logging.getLogger("pypdf").level
    data = text_pdf(TITLE, "Zweite Seite")
    rng = random.Random(42)
    tail = data[data.rindex(b"startxref") :]
    variants = [data[:cut] for cut in range(0, len(data), 23)]
    variants += [data[:cut] + tail for cut in range(0, len(data), 23)]  # xref points nowhere
    for _ in range(60):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        variants.append(bytes(damaged))
    path = tmp_path / "damaged.pdf"
    reasons = []
    for variant in variants:
        path.write_bytes(variant)
        try:
            assert isinstance(read_text(path), str)
        except UnreadableFile as exc:
            reasons.append(str(exc))
    assert reasons  # the cuts near the start cannot all be readable
    assert all(msg and "\n" not in msg for msg in reasons)
    assert not [r for r in caplog.records if r.name.startswith("pypdf")]
    assert logging.getLogger("pypdf").level == level_before


def test_pdf_with_user_password_is_refused(tmp_path: Path) -> None:
    assert reason(write(tmp_path, "secret.pdf", encrypted_pdf("geheim"))) == "encrypted PDF"


def test_pdf_with_only_an_owner_password_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, "restricted.pdf", encrypted_pdf(""))
    assert read_text(path).strip() == TITLE


def test_aes_pdf_without_cryptography_names_the_missing_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def needs_cryptography(*args: object, **kwargs: object) -> None:
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")

    monkeypatch.setattr(filetext, "PdfReader", needs_cryptography)
    msg = reason(write(tmp_path, "aes.pdf", text_pdf(TITLE)))
    assert msg.startswith("encrypted PDF")
    assert "cryptography" in msg


def test_unexpected_exception_inside_pypdf_becomes_unreadable_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(filetext, "PdfReader", broken)
    msg = reason(write(tmp_path, "deep.pdf", text_pdf(TITLE)))
    assert msg == "not a readable PDF: RecursionError maximum recursion depth exceeded"


# --- plain text --------------------------------------------------------------------------------


def test_utf8_text_is_read(tmp_path: Path) -> None:
    text = "Größere Maßnahmen für Übergänge: „Kita“ 5 €\n"
    assert read_text(write(tmp_path, "a.md", text.encode("utf-8"))) == text


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    text = "Übersicht der Sitzungen\n"
    assert read_text(write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + text.encode("utf-8"))) == text


def test_cp1252_umlauts_round_trip(tmp_path: Path) -> None:
    text = "Protokoll: Größe, Übersicht, Maßnahme, Äpfel, Öl, 12 € „Zitat“\n"
    assert read_text(write(tmp_path, "win.txt", text.encode("cp1252"))) == text


def test_mostly_utf8_with_a_stray_cp1252_byte_stays_utf8(tmp_path: Path) -> None:
    data = "Größe und Übersicht, Maßnahme für alle\n".encode() + b"Stra\xdfe\n"
    text = read_text(write(tmp_path, "mixed.txt", data))
    assert text.startswith("Größe und Übersicht, Maßnahme für alle\n")
    assert "Ã" not in text


def test_bom_declares_utf8_even_with_a_stray_byte(tmp_path: Path) -> None:
    text = read_text(write(tmp_path, "bom.txt", b"\xef\xbb\xbfSitzung in K\xf6ln\n"))
    assert text == "Sitzung in K\ufffdln\n"


def test_crlf_line_ends_become_lf(tmp_path: Path) -> None:
    assert (
        read_text(write(tmp_path, "dos.txt", b"eins\r\nzwei\r\n\r\ndrei")) == "eins\nzwei\n\ndrei"
    )


def test_form_feed_page_breaks_are_kept(tmp_path: Path) -> None:
    assert (
        read_text(write(tmp_path, "ff.txt", b"Seite 1\n\f\nSeite 2\n")) == "Seite 1\n\f\nSeite 2\n"
    )


def test_nul_bytes_are_binary(tmp_path: Path) -> None:
    path = write(tmp_path, "x.txt", b"Sitzung am Montag\x00\x00\x01Protokoll")
    assert reason(path) == "binary content, not text"


def test_many_control_characters_are_binary(tmp_path: Path) -> None:
    data = bytes(b"ab\x01\x02\x03\x04\x05\x06" * 200)
    assert reason(write(tmp_path, "x.md", data)) == "binary content, not text"


def test_a_few_control_characters_are_dropped_not_refused(tmp_path: Path) -> None:
    data = b"Tagesordnung\x07 der Sitzung\x1a"
    assert read_text(write(tmp_path, "x.txt", data)) == "Tagesordnung der Sitzung"


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n  ", b"\xef\xbb\xbf", b"\xef\xbb\xbf \n"])
def test_empty_or_blank_file_is_refused(tmp_path: Path, data: bytes) -> None:
    assert reason(write(tmp_path, "empty.txt", data)) == "empty file"


def test_text_in_another_single_byte_encoding_is_refused(tmp_path: Path) -> None:
    data = "Протокол заседания комитета по интеграции\n".encode("cp1251")
    assert reason(write(tmp_path, "ru.txt", data)).startswith("unknown text encoding")


def test_bytes_undefined_in_cp1252_are_refused(tmp_path: Path) -> None:
    assert reason(write(tmp_path, "odd.txt", b"abc \x81\x8d def")).startswith(
        "unknown text encoding"
    )


def test_utf16_gets_its_own_reason(tmp_path: Path) -> None:
    path = write(tmp_path, "u16.txt", "Protokoll".encode("utf-16"))
    assert reason(path).startswith("UTF-16 text is not supported")


def test_file_over_50_mb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(60 * 1024 * 1024)  # sparse: costs no disk space
    assert reason(path) == "file too large (60 MB, limit 50 MB)"


# --- the file itself ---------------------------------------------------------------------------


def test_supported_suffixes() -> None:
    assert frozenset({".txt", ".md", ".pdf", ".docx", ".odt"}) == SUPPORTED_SUFFIXES


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("brief.doc", "unsupported file type .doc"),
        ("README", "unsupported file type (no suffix)"),
    ],
)
def test_unsupported_suffix_is_refused(tmp_path: Path, name: str, expected: str) -> None:
    assert reason(write(tmp_path, name, b"plain words")) == expected


def test_missing_file_gives_the_os_reason(tmp_path: Path) -> None:
    assert reason(tmp_path / "gone.txt") == "No such file or directory"
    assert reason(tmp_path / "gone.pdf") == "No such file or directory"


def test_directory_is_refused(tmp_path: Path) -> None:
    (tmp_path / "folder.txt").mkdir()
    assert reason(tmp_path / "folder.txt") == "Is a directory"


def test_unreadable_permissions_give_the_os_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root (as in CI) reads any file, so the refusal of the OS is stood in for.
    path = write(tmp_path, "locked.txt", b"geheim")

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    assert reason(path) == "Permission denied"


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_pipes_and_devices_are_refused_without_reading(tmp_path: Path, kind: str) -> None:
    if kind == "fifo":
        path = tmp_path / "pipe.txt"
        os.mkfifo(path)  # opening it would wait for a writer forever
    else:
        path = tmp_path / "zero.txt"
        path.symlink_to("/dev/zero")  # endless: reading it whole runs out of memory
    assert reason(path) == "not a regular file (a device or a pipe)"
