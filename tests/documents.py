"""Word, OpenDocument and scanned PDF files made in the tests (and benchmarks): no binary
fixtures. Scans are page images of German text drawn with a TrueType font (Pillow), saved as a
PDF without a text layer; OCR tests fail with the install instruction when Tesseract is missing
(scripts/ensure_ocr.sh installs it for the README's test command)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from pypdf import PdfReader, PdfWriter

from knowledge import ocr

_FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts")
_PREFERRED = ("DejaVuSans.ttf", "LiberationSans-Regular.ttf", "FreeSans.ttf", "Arial.ttf")


def require_tesseract() -> None:
    """Fail (never skip) with the install instruction when OCR is not installed."""
    try:
        ocr.check_tesseract()
    except ocr.OcrUnavailable as exc:
        raise AssertionError(f"{exc}; or run: sh scripts/ensure_ocr.sh") from None


def _font_path() -> Path | None:
    found = [p for d in _FONT_DIRS if d.is_dir() for p in d.rglob("*.ttf")]
    for name in _PREFERRED:
        for path in found:
            if path.name == name:
                return path
    return found[0] if found else None


def scan_page_png(lines: list[str], *, dpi: int = 300) -> bytes:
    """An A4 page image (grey, `dpi`) with the lines in a 12-point sans serif, as a scanner
    would deliver it."""
    from PIL import Image, ImageDraw, ImageFont

    width, height = int(8.27 * dpi), int(11.69 * dpi)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    size = round(12 / 72 * dpi)
    path = _font_path()
    font = ImageFont.truetype(str(path), size) if path else ImageFont.load_default(size=size)
    y = dpi  # one inch margin
    for line in lines:
        draw.text((dpi, y), line, font=font, fill=0)
        y += round(size * 1.6)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def scanned_pdf(*pages: list[str], dpi: int = 300) -> bytes:
    """A PDF of page images only (no text layer), one page per list of lines."""
    from PIL import Image

    images = [Image.open(io.BytesIO(scan_page_png(lines, dpi=dpi))) for lines in pages]
    out = io.BytesIO()
    images[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return out.getvalue()


def mixed_pdf(text_layer: bytes, scan: bytes) -> bytes:
    """The pages of a born-digital PDF followed by those of a scanned one."""
    writer = PdfWriter()
    for data in (text_layer, scan):
        for page in PdfReader(io.BytesIO(data)).pages:
            writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# -- Word ------------------------------------------------------------------------------------

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _zip(parts: dict[str, bytes | str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def docx(
    paragraphs: list[str],
    *,
    heading: str | None = None,
    table: list[list[str]] | None = None,
    body_xml: str | None = None,
) -> bytes:
    """A minimal .docx as Word writes it: a heading paragraph (style Heading1), paragraphs,
    and a table; `body_xml` replaces the body (for hostile documents)."""

    def para(text: str, style: str | None = None) -> str:
        props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
        return f'<w:p>{props}<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'

    if body_xml is None:
        body = [para(heading, "Heading1")] if heading else []
        body += [para(p) for p in paragraphs]
        if table:
            rows = "".join(
                "<w:tr>" + "".join(f"<w:tc>{para(c)}</w:tc>" for c in row) + "</w:tr>"
                for row in table
            )
            body.append(f"<w:tbl>{rows}</w:tbl>")
        body_xml = "".join(body)
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{_W_NS}"><w:body>{body_xml}</w:body></w:document>'
    )
    return _zip(
        {
            "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.'
            'openxmlformats.org/package/2006/content-types"/>',
            "word/document.xml": document,
        }
    )


# -- OpenDocument ----------------------------------------------------------------------------

_ODT_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
)


def odt(
    paragraphs: list[str],
    *,
    heading: str | None = None,
    table: list[list[str]] | None = None,
    encrypted: bool = False,
) -> bytes:
    """A minimal .odt as LibreOffice writes it (mimetype first, stored): a heading (text:h),
    paragraphs (one in a list), and a table; `encrypted` marks it so in the manifest."""
    body = [f'<text:h text:outline-level="1">{escape(heading)}</text:h>'] if heading else []
    for i, p in enumerate(paragraphs):
        item = f"<text:p>{escape(p)}</text:p>"
        body.append(
            f"<text:list><text:list-item>{item}</text:list-item></text:list>" if i else item
        )
    if table:
        rows = "".join(
            "<table:table-row>"
            + "".join(
                f"<table:table-cell><text:p>{escape(c)}</text:p></table:table-cell>" for c in row
            )
            + "</table:table-row>"
            for row in table
        )
        body.append(f"<table:table>{rows}</table:table>")
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODT_NS}>'
        f"<office:body><office:text>{''.join(body)}</office:text></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
        'opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml">'
        + ("<manifest:encryption-data/>" if encrypted else "")
        + "</manifest:file-entry></manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return out.getvalue()
