"""One file -> its text: the only place that reads document files (.txt, .md, .pdf, .docx, .odt).

Every problem with a file's content or access becomes UnreadableFile with a short, user-facing
reason; ingest reports it and moves on to the next file.
"""

from __future__ import annotations

import io
import logging
import math
import re
import stat
import threading
import warnings
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as parse_xml
from pypdf import PasswordType, PdfReader
from pypdf.errors import DependencyError, PyPdfError
from pypdf.generic import IndirectObject

from knowledge import ocr

SUPPORTED_SUFFIXES: frozenset[str] = frozenset({".txt", ".md", ".pdf", ".docx", ".odt"})
OFFICE_SUFFIXES: frozenset[str] = frozenset({".docx", ".odt"})
PAGE_SEPARATOR = "\n\n\n\n"  # a run of blank lines; knowledge.repair turns it into a page marker
# Limits (checked from the file system and the first bytes before anything is read whole).
# With them one ingest stays under ~500 MB and a minute on a small server (benchmarks/
# bench_ingest_limits.py): the text limit is what that budget holds, about 1,200 dense pages.
MAX_TEXT_BYTES = 50 * 1024 * 1024  # a .txt/.md file
MAX_PDF_BYTES = 64 * 1024 * 1024  # a .pdf file
MAX_DOCUMENT_CHARS = 4_000_000  # text kept of one document; the rest is cut (and said so)
MAX_PAGE_CHARS = 100_000  # text kept of one PDF page (a dense page has ~5,000)
MAX_PAGE_CONTENT_BYTES = 4 * 1024 * 1024  # a page whose drawing program is larger is skipped
MAX_PDF_CONTENT_BYTES = 24 * 1024 * 1024  # drawing programs read per PDF (~1 MB/s to extract)
MAX_OFFICE_BYTES = 64 * 1024 * 1024  # a .docx/.odt file (a ZIP archive)
MAX_OFFICE_MEMBERS = 10_000  # entries in its archive; more is no document a person wrote
MAX_OFFICE_XML_BYTES = 64 * 1024 * 1024  # its main XML part, unpacked (checked while unpacking)

_SNIFF_BYTES = 8192
_MAX_CONTROL_SHARE = 0.10  # of the first 8 KB; more means binary
_MAX_NON_ASCII_SHARE = 0.30  # of the non-space characters of a cp1252 decoding; more means junk
_TEXT_CONTROLS = frozenset(b"\t\n\f\r\x1a")  # tab, newlines, form feed, DOS end-of-file
_CONTROL_BYTES = frozenset(range(0x20)) - _TEXT_CONTROLS | {0x7F}
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF8_MULTIBYTE_RE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
_STRAY_CONTROLS_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_BLANK_RUN_RE = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_MAX_REASON = 100
_MARKER_WINDOW = 1024  # where %PDF- and %%EOF belong (PDF spec; pypdf's strict mode)

log = logging.getLogger(__name__)
_pypdf_log = logging.getLogger("pypdf")
_quiet_lock = threading.Lock()
_quiet_depth = 0
_saved_level = logging.NOTSET


class UnreadableFile(Exception):
    """The file cannot be turned into text; str(exc) is a short user-facing English reason."""


class NoTextLayer(UnreadableFile):
    """A PDF whose pages carry no extractable text (a scan without OCR)."""


class OcrNotInstalled(NoTextLayer):
    """A scanned PDF while Tesseract (or its German model) is missing; the message says how
    to install it."""


@dataclass(frozen=True)
class Extracted:
    """A file's bytes as read and its text, with notes on what was left out (text cut)."""

    raw: bytes
    text: str
    notes: tuple[str, ...] = ()
    heading: str | None = None  # the first heading of a .docx/.odt (a title proposal)
    ocr_pages: int = 0  # scanned PDF pages whose text was read by OCR


def read_text(path: Path) -> str:
    """Text of a .txt/.md/.pdf file; raises UnreadableFile with a one-line reason."""
    return read_document(path).text


def read_document(path: Path) -> Extracted:
    """Bytes and text of a .txt/.md/.pdf file, within the limits above: the type, the kind of
    file (no FIFOs or devices) and the size are checked before reading, a PDF's header from its
    first bytes; raises UnreadableFile with a one-line reason."""
    suffix = path.suffix.lower()
    return read_bytes(_read_bytes(path, limit=_limit_for(suffix)), suffix)


def read_bytes(raw: bytes, suffix: str) -> Extracted:
    """Text of a file's bytes already in memory (e.g. downloaded), read as a file with this
    suffix (.pdf, .txt, .md, .docx, .odt) under the same limits as read_document;
    UnreadableFile else. Scanned PDF pages are read by OCR (knowledge.ocr)."""
    suffix = suffix.lower()
    limit = _limit_for(suffix)
    if len(raw) > limit:
        raise UnreadableFile(_too_large(len(raw), limit))
    heading: str | None = None
    ocr_pages = 0
    if not raw:
        raise UnreadableFile("empty file")
    if suffix == ".pdf":
        if b"%PDF-" not in raw[:_MARKER_WINDOW]:
            raise UnreadableFile("not a readable PDF: no PDF header")
        text, notes, ocr_pages = _pdf_text(raw)
    elif suffix in OFFICE_SUFFIXES:
        text, heading = _office_text(raw, suffix)
        notes = []
    else:
        text, notes = _plain_text(raw), []
    if len(text) > MAX_DOCUMENT_CHARS:
        notes.append(
            f"text cut after {MAX_DOCUMENT_CHARS:,} of {len(text):,} characters "
            "(limit per document)"
        )
        text = text[:MAX_DOCUMENT_CHARS]
    return Extracted(raw, text, tuple(notes), heading=heading, ocr_pages=ocr_pages)


def _limit_for(suffix: str) -> int:
    """The size limit of a supported file type; UnreadableFile for any other."""
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnreadableFile(f"unsupported file type {suffix or '(no suffix)'}")
    if suffix in OFFICE_SUFFIXES:
        return MAX_OFFICE_BYTES
    return MAX_PDF_BYTES if suffix == ".pdf" else MAX_TEXT_BYTES


def _read_bytes(path: Path, limit: int) -> bytes:
    """A regular file's bytes, refusing files over `limit` (by its size, before reading, and
    while reading, in case it grows); OS errors become UnreadableFile."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise UnreadableFile("Is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile("not a regular file (a device or a pipe)")
        if info.st_size > limit:
            raise UnreadableFile(_too_large(info.st_size, limit))
        with path.open("rb") as f:
            raw = f.read(limit + 1)
        if len(raw) > limit:
            raise UnreadableFile(_too_large(len(raw), limit))
        return raw
    except OSError as exc:
        raise UnreadableFile(exc.strerror or str(exc)) from exc


def _too_large(size: int, limit: int, how: str = "") -> str:
    return f"file too large{how} ({math.ceil(size / 2**20)} MB, limit {limit // 2**20} MB)"


def _plain_text(raw: bytes) -> str:
    """Decoded text of a .txt/.md file: UTF-8 (BOM or not), else Windows-1252."""
    if not raw.strip():
        raise UnreadableFile("empty file")
    if raw.startswith(_UTF16_BOMS):
        raise UnreadableFile("UTF-16 text is not supported, save the file as UTF-8")
    sample = raw[:_SNIFF_BYTES]
    controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    if b"\x00" in raw or controls > _MAX_CONTROL_SHARE * len(sample):
        raise UnreadableFile("binary content, not text")
    text = _decode(raw)
    text = _STRAY_CONTROLS_RE.sub("", _unify_newlines(text))
    if not text.strip():
        raise UnreadableFile("empty file")
    return text


def _decode(raw: bytes) -> str:
    """UTF-8 when it decodes (or mostly does), else cp1252 unless that looks like junk."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    utf8 = raw.decode("utf-8-sig", errors="replace")
    # Declared UTF-8 (BOM), or mostly UTF-8 with a few stray bytes (one pasted cp1252 line).
    mostly_utf8 = len(_UTF8_MULTIBYTE_RE.findall(raw)) > utf8.count("\ufffd")
    if raw.startswith(b"\xef\xbb\xbf") or mostly_utf8:
        return utf8
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        raise UnreadableFile("unknown text encoding (neither UTF-8 nor Windows-1252)") from None
    visible = [ch for ch in text if not ch.isspace()]
    non_ascii = sum(1 for ch in visible if ord(ch) > 0x7F)
    if non_ascii > _MAX_NON_ASCII_SHARE * len(visible):
        raise UnreadableFile("unknown text encoding (neither UTF-8 nor Windows-1252)")
    return text


def _pdf_text(raw: bytes) -> tuple[str, list[str], int]:
    """Text of a PDF, pages joined by PAGE_SEPARATOR, within the page and content limits:
    the text layer, and for pages without one that show an image (scans) the text OCR reads;
    with notes on what was left out and the number of pages read by OCR."""
    notes: list[str] = []
    skipped: set[int] = set()
    try:
        with warnings.catch_warnings(), _quiet_pypdf():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(raw))
            if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
                raise UnreadableFile("encrypted PDF")
            pages = _page_texts(reader, notes, skipped)
    except UnreadableFile:
        raise
    except DependencyError as exc:
        if "AES" in str(exc) or "cryptography" in str(exc):
            msg = "encrypted PDF (AES: reading it needs the 'cryptography' package)"
            raise UnreadableFile(msg) from exc
        raise UnreadableFile(f"not a readable PDF: {_pdf_problem(raw, exc)}") from exc
    except Exception as exc:  # pypdf raises all sorts on broken files; none may escape
        raise UnreadableFile(f"not a readable PDF: {_pdf_problem(raw, exc)}") from exc
    if not pages:
        raise UnreadableFile("PDF has no pages")
    pages = [_clean_page(text) for text in pages]
    ocr_pages = _read_scans(raw, pages, skipped, notes)
    if not any(text.strip() for text in pages):
        raise NoTextLayer("no text layer (scanned PDF without OCR?)")
    return PAGE_SEPARATOR.join(pages), notes, ocr_pages


def _letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha())


def _read_scans(raw: bytes, pages: list[str], skipped: set[int], notes: list[str]) -> int:
    """Put the OCR text of scanned pages (no text layer to speak of, but an image) into
    `pages`; returns how many were read. Without Tesseract a PDF that has no text at all
    raises OcrNotInstalled; in a mixed one the scanned pages are left out with a note."""
    candidates = [
        i
        for i, text in enumerate(pages)
        if i not in skipped and _letters(text) < ocr.MIN_TEXT_LETTERS
    ]
    if not candidates:
        return 0
    try:
        scanned = ocr.pages_with_images(raw, candidates)
    except Exception as exc:  # PDFium refuses what pypdf read: keep the text layer
        log.warning("PDF pages could not be checked for scans: %s", _short(exc))
        return 0
    if not scanned:
        return 0
    try:
        found = ocr.read_pages(raw, scanned)
    except ocr.OcrUnavailable as exc:
        if not any(text.strip() for text in pages):
            raise OcrNotInstalled(str(exc)) from exc
        notes.append(f"{len(scanned)} scanned page(s) not read: {exc}")
        return 0
    except Exception as exc:  # rendering a broken page: keep what the text layer gave
        log.warning("OCR failed: %s", _short(exc))
        notes.append(f"{len(scanned)} scanned page(s) could not be read by OCR ({_short(exc)})")
        return 0
    notes.extend(found.notes)
    read = 0
    for index, text in found.pages.items():
        cleaned = _clean_page(text)
        if _letters(cleaned) > _letters(pages[index]):
            pages[index] = cleaned[:MAX_PAGE_CHARS]
            read += 1
    return read


def _page_texts(reader: PdfReader, notes: list[str], skipped: set[int]) -> list[str]:
    """Each page's text, bounded: a page's drawing program ("content stream") shared with an
    earlier page is not read again (it holds the same text), one over MAX_PAGE_CONTENT_BYTES is
    skipped, reading stops after MAX_PDF_CONTENT_BYTES in all or MAX_DOCUMENT_CHARS of text,
    and a page keeps at most MAX_PAGE_CHARS. Pages left out are added to `skipped` (0-based)."""
    pages: list[str] = []
    seen: set[tuple[int, ...]] = set()
    budget, chars = MAX_PDF_CONTENT_BYTES, 0
    repeated, oversized, long_pages = 0, 0, 0
    for number, page in enumerate(reader.pages, start=1):
        key = _content_key(page.get("/Contents"))
        if key is not None and key in seen:
            repeated += 1
            skipped.add(number - 1)
            pages.append("")
            continue
        if key is not None:
            seen.add(key)
        contents = page.get_contents()
        size = len(contents.get_data()) if contents is not None else 0
        if size > MAX_PAGE_CONTENT_BYTES:
            oversized += 1
            skipped.add(number - 1)
            pages.append("")
            continue
        if size > budget or chars > MAX_DOCUMENT_CHARS:
            notes.append(f"text cut after page {number - 1} of {len(reader.pages)} (limit per PDF)")
            break
        budget -= size
        text = page.extract_text() or ""
        if len(text) > MAX_PAGE_CHARS:
            long_pages += 1
            text = text[:MAX_PAGE_CHARS]
        chars += len(text)
        pages.append(text)
    if repeated:
        notes.append(f"{repeated} page(s) repeat an earlier page's content and were read once")
    if oversized:
        notes.append(
            f"{oversized} page(s) with over {MAX_PAGE_CONTENT_BYTES // 2**20} MB of "
            "drawing commands were skipped"
        )
    if long_pages:
        notes.append(f"{long_pages} page(s) cut after {MAX_PAGE_CHARS:,} characters")
    return pages


def _content_key(contents: object) -> tuple[int, ...] | None:
    """The object numbers of a page's content stream(s), when they are indirect objects."""
    items = contents if isinstance(contents, list) else [contents]
    numbers = [item.idnum for item in items if isinstance(item, IndirectObject)]
    return tuple(numbers) if numbers and len(numbers) == len(items) else None


def _clean_page(text: str) -> str:
    """One page's text without control characters or runs of blank lines that mimic a page break."""
    text = _STRAY_CONTROLS_RE.sub("", _unify_newlines(text).replace("\f", "\n"))
    return _BLANK_RUN_RE.sub("\n\n", text)


def _unify_newlines(text: str) -> str:
    """CRLF, CR and vertical tab (Word's manual line break) -> LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\v", "\n")


def _pdf_problem(raw: bytes, exc: BaseException) -> str:
    """Why pypdf failed: a missing header or end marker says more than its own message."""
    # Checked only after a failure: pypdf reads files with junk around the markers fine.
    if b"%PDF-" not in raw[:_MARKER_WINDOW]:
        return "no PDF header"
    if b"%%EOF" not in raw[-_MARKER_WINDOW:]:
        return "truncated (no %%EOF marker at the end)"
    return _short(exc)


def _short(exc: BaseException) -> str:
    """A one-line, bounded description of a pypdf (or other) exception."""
    lines = str(exc).strip().splitlines()
    msg = lines[0] if lines else ""
    if not isinstance(exc, PyPdfError):
        msg = f"{type(exc).__name__} {msg}".strip()
    return msg[:_MAX_REASON] or type(exc).__name__


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """Mute pypdf's logger (warnings about broken files) while reading; safe across threads."""
    global _quiet_depth, _saved_level
    with _quiet_lock:
        if _quiet_depth == 0:
            _saved_level = _pypdf_log.level
            _pypdf_log.setLevel(logging.CRITICAL + 1)
        _quiet_depth += 1
    try:
        yield
    finally:
        with _quiet_lock:
            _quiet_depth -= 1
            if _quiet_depth == 0:
                _pypdf_log.setLevel(_saved_level)


# -- Word (.docx) and OpenDocument (.odt) --------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE_NS = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE_NS = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # a compound file: an encrypted .docx, or an old .doc
_HEADING_STYLE_RE = re.compile(r"^(?:heading|berschrift|title|titel)", re.I)
_CELL_SEPARATOR = "  "  # cells of a table row on one line, like a PDF's text layer has them


def _office_text(raw: bytes, suffix: str) -> tuple[str, str | None]:
    """Text of a .docx or .odt (paragraphs as lines, table rows as lines) and its first
    heading; the archive is checked (members, unpacked size) before its XML is read."""
    kind = "Word" if suffix == ".docx" else "OpenDocument"
    if raw.startswith(_OLE_MAGIC):
        raise UnreadableFile(f"encrypted or old-format {kind} file (save it as {suffix} again)")
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnreadableFile(f"not a readable {kind} file ({_short(exc)})") from exc
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_OFFICE_MEMBERS:
            raise UnreadableFile(f"not a readable {kind} file (over {MAX_OFFICE_MEMBERS} parts)")
        if any(info.flag_bits & 0x1 for info in infos):
            raise UnreadableFile(f"encrypted {kind} file")
        part = "word/document.xml" if suffix == ".docx" else "content.xml"
        if suffix == ".odt" and b"encryption-data" in _member(
            archive, "META-INF/manifest.xml", kind
        ):
            raise UnreadableFile(f"encrypted {kind} file")
        xml = _member(archive, part, kind)
        if not xml:
            raise UnreadableFile(f"not a readable {kind} file (no {part})")
    try:
        root = parse_xml(xml, forbid_dtd=True)
    except (ParseError, DefusedXmlException, ValueError) as exc:
        raise UnreadableFile(f"not a readable {kind} file ({_short(exc)})") from exc
    lines: list[str] = []
    headings: list[str] = []
    try:
        if suffix == ".docx":
            _docx_blocks(root, lines, headings)
        else:
            _odt_blocks(root, lines, headings)
    except RecursionError:
        raise UnreadableFile(f"not a readable {kind} file (nested too deep)") from None
    text = _STRAY_CONTROLS_RE.sub("", _unify_newlines("\n".join(lines)))
    text = _BLANK_RUN_RE.sub("\n\n", text).strip("\n")
    if not text.strip():
        raise UnreadableFile("empty file")
    return text + "\n", headings[0] if headings else None


def _member(archive: zipfile.ZipFile, name: str, kind: str) -> bytes:
    """One part of the archive, unpacked at most up to MAX_OFFICE_XML_BYTES (the sizes in
    the archive's directory can lie: the read itself is bounded); b"" when it is missing."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        return b""
    if info.file_size > MAX_OFFICE_XML_BYTES:
        raise UnreadableFile(_too_large(info.file_size, MAX_OFFICE_XML_BYTES, " unpacked"))
    try:
        with archive.open(info) as handle:
            data = handle.read(MAX_OFFICE_XML_BYTES + 1)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as exc:
        raise UnreadableFile(f"not a readable {kind} file ({_short(exc)})") from exc
    except RuntimeError as exc:  # zipfile: "File ... is encrypted, password required"
        raise UnreadableFile(f"encrypted {kind} file") from exc
    if len(data) > MAX_OFFICE_XML_BYTES:
        raise UnreadableFile(_too_large(len(data), MAX_OFFICE_XML_BYTES, " unpacked"))
    return data


def _docx_blocks(root: Element, lines: list[str], headings: list[str]) -> None:
    """Paragraphs and table rows of a Word body, in order (nested tables flattened)."""
    body = root.find(f"{_W}body")
    for block in body if body is not None else ():
        if block.tag == f"{_W}p":
            line = _docx_paragraph(block)
            style = block.find(f"{_W}pPr/{_W}pStyle")
            heading = style is not None and _HEADING_STYLE_RE.match(style.get(f"{_W}val", ""))
            if heading and line.strip():
                headings.append(line.strip())
                lines.append("")  # a heading stands apart
            lines.append(line)
        elif block.tag == f"{_W}tbl":
            lines.append("")
            for row in block.iter(f"{_W}tr"):
                cells = [
                    " ".join(_docx_paragraph(p).strip() for p in cell.iter(f"{_W}p")).strip()
                    for cell in row.findall(f"{_W}tc")
                ]
                if any(cells):
                    lines.append(_CELL_SEPARATOR.join(c for c in cells if c))
            lines.append("")


def _docx_paragraph(paragraph: Element) -> str:
    """A Word paragraph's text: runs, tabs and line breaks (deleted text left out)."""
    parts: list[str] = []
    for node in paragraph.iter():
        if node.tag == f"{_W}t" and node.text:
            parts.append(node.text)
        elif node.tag == f"{_W}tab":
            parts.append("\t")
        elif node.tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
    return "".join(parts)


def _odt_blocks(root: Element, lines: list[str], headings: list[str]) -> None:
    """Headings, paragraphs, list items and table rows of an OpenDocument text, in order."""
    body = root.find(f"{_OFFICE_NS}body/{_OFFICE_NS}text")

    def walk(node: Element) -> None:
        for child in node:
            if child.tag == f"{_TEXT_NS}h":
                line = _odt_inline(child).strip()
                if line:
                    headings.append(line)
                    lines.extend(["", line])
            elif child.tag == f"{_TEXT_NS}p":
                lines.append(_odt_inline(child))
            elif child.tag == f"{_TABLE_NS}table":
                lines.append("")
                for row in child.iter(f"{_TABLE_NS}table-row"):
                    cells = [
                        " ".join(_odt_inline(p).strip() for p in cell.iter(f"{_TEXT_NS}p"))
                        for cell in row.findall(f"{_TABLE_NS}table-cell")
                    ]
                    if any(c.strip() for c in cells):
                        lines.append(_CELL_SEPARATOR.join(c.strip() for c in cells if c.strip()))
                lines.append("")
            elif child.tag != f"{_TEXT_NS}tracked-changes":  # lists, sections: their paragraphs
                walk(child)

    if body is not None:
        walk(body)


def _odt_inline(node: Element) -> str:
    """The text of an OpenDocument paragraph: spans, spaces (text:s), tabs, line breaks;
    notes and annotations left out."""
    parts: list[str] = [node.text or ""]
    for child in node:
        tag = child.tag
        if tag == f"{_TEXT_NS}s":
            count = child.get(f"{_TEXT_NS}c", "1")
            parts.append(" " * min(int(count) if count.isdigit() else 1, 100))
        elif tag == f"{_TEXT_NS}tab":
            parts.append("\t")
        elif tag == f"{_TEXT_NS}line-break":
            parts.append("\n")
        elif tag not in (f"{_TEXT_NS}note", f"{_OFFICE_NS}annotation"):
            parts.append(_odt_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


MAX_SOURCE_BYTES = 45 * 1024 * 1024  # Telegram bots may send files up to 50 MB


def read_source_bytes(path: str | Path) -> bytes | None:
    """The bytes of a document's original file, or None when it is gone, unreadable or too big."""
    try:
        p = Path(path)
        if not p.is_file() or p.stat().st_size > MAX_SOURCE_BYTES:
            return None
        return p.read_bytes()
    except OSError:
        return None
