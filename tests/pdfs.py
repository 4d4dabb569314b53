"""PDFs made in the tests (and benchmarks) themselves: no binary fixtures."""

from __future__ import annotations

import io

from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject


def shared_content_pdf(*, pages: int, kilobytes: int) -> bytes:
    """A small PDF whose pages all point at one large (compressed) content stream: 100 pages
    sharing 1 MB expand to 92 MB of text when each page is read on its own."""
    writer = PdfWriter()
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
    )
    line = b"BT /F1 12 Tf 72 712 Td (Die Integration ist eine Aufgabe aller Kommunen.) Tj ET\n"
    stream = DecodedStreamObject()
    stream.set_data(line * (kilobytes * 1024 // len(line)))
    content = writer._add_object(stream.flate_encode())
    for _ in range(pages):
        page = writer.add_blank_page(612, 792)
        page[NameObject("/Contents")] = content
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
