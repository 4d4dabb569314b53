"""Scanned PDF pages -> text: render with PDFium (pypdfium2), read with Tesseract's German model.

Only pages without a text layer that carry an image are read (a blank page needs no OCR), at
most MAX_OCR_PAGES of a document, each within PAGE_TIMEOUT seconds. Tesseract is called as a
command (`tesseract`, package `tesseract-ocr`, with `tesseract-ocr-deu`); where it or its German
model is missing, OcrUnavailable says how to install it. The text goes through knowledge.repair
like any extracted text.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)

DPI = 300  # the usual resolution for Tesseract
LANGUAGE = "deu"
MAX_OCR_PAGES = 60  # scanned pages read per document; the rest are left out (and said so)
PAGE_TIMEOUT = 60.0  # seconds of Tesseract per page; a page over it is left out
MAX_OCR_SECONDS = 900.0  # seconds of OCR per document; pages after that are left out
MAX_PIXELS = 40_000_000  # a page rendered larger (a poster at 300 dpi) is scaled down to this
MIN_TEXT_LETTERS = 20  # a page with fewer letters in its text layer counts as scanned
WORKERS = max(1, min(2, os.cpu_count() or 1))  # Tesseract processes at once (one thread each)
INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-deu"

# PDFium is not thread-safe: one document is opened and rendered at a time (the bot reads
# uploads and the OParl sync reads papers in worker threads). Tesseract runs outside the lock.
_pdfium_lock = threading.Lock()
_ready: bool = False


class OcrUnavailable(Exception):
    """Tesseract (or its German model) is not installed; str(exc) says how to install it."""


def install_message(missing: str) -> str:
    """One sentence: what is missing and the command that installs it."""
    return (
        f"OCR is not installed ({missing}): scanned pages need Tesseract with its German model "
        f"(Debian/Ubuntu: {INSTALL_HINT})"
    )


def check_tesseract() -> None:
    """Raise OcrUnavailable unless the `tesseract` command and its German model are there
    (a positive answer is remembered)."""
    global _ready
    if _ready:
        return
    exe = shutil.which("tesseract")
    if exe is None:
        raise OcrUnavailable(install_message("no tesseract command"))
    try:
        listed = subprocess.run(
            [exe, "--list-langs"], capture_output=True, timeout=30, check=False, env=_env()
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise OcrUnavailable(install_message(f"tesseract does not run: {exc}")) from exc
    languages = (listed.stdout + listed.stderr).decode(errors="replace").split()
    if LANGUAGE not in languages:
        raise OcrUnavailable(install_message("no German model tesseract-ocr-deu"))
    _ready = True


def _env() -> dict[str, str]:
    # One thread per Tesseract: on a small server its OpenMP threads only compete.
    return {**os.environ, "OMP_THREAD_LIMIT": "1"}


@dataclass
class OcrResult:
    """Text per page number (0-based) that was read, and notes on what was left out."""

    pages: dict[int, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def pages_with_images(raw: bytes, candidates: Sequence[int]) -> list[int]:
    """Those of the candidate pages (0-based) that draw an image: only they can be scans."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    found: list[int] = []
    with _pdfium_lock:
        pdf = pdfium.PdfDocument(raw)
        try:
            for index in candidates:
                if index >= len(pdf):
                    continue
                page = pdf[index]
                try:
                    objects = page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=4)
                    if next(iter(objects), None) is not None:
                        found.append(index)
                finally:
                    page.close()
        finally:
            pdf.close()
    return found


def read_pages(raw: bytes, pages: Sequence[int], *, clock: Any = time.monotonic) -> OcrResult:
    """OCR the given pages (0-based) of a PDF: each rendered at DPI (scaled down past
    MAX_PIXELS) and read by Tesseract, WORKERS pages at a time; raises OcrUnavailable when
    Tesseract is missing."""
    check_tesseract()
    result = OcrResult()
    todo = list(pages)
    if len(todo) > MAX_OCR_PAGES:
        result.notes.append(
            f"{len(todo) - MAX_OCR_PAGES} scanned page(s) after the first {MAX_OCR_PAGES} "
            "were not read (OCR limit per document)"
        )
        todo = todo[:MAX_OCR_PAGES]
    started = clock()

    def one(index: int) -> str | None:
        """The page's text; None when the time budget was spent before it began."""
        if clock() - started > MAX_OCR_SECONDS:
            return None
        return ocr_image(render_page(raw, index))

    late = timed_out = 0
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        futures = {index: pool.submit(one, index) for index in todo}
        for index, future in futures.items():
            try:
                text = future.result()
            except subprocess.TimeoutExpired:
                timed_out += 1
                continue
            if text is None:
                late += 1
            else:
                result.pages[index] = text
    if late:
        result.notes.append(f"{late} scanned page(s) were not read (OCR time limit per document)")
    if timed_out:
        result.notes.append(f"{timed_out} scanned page(s) took over {PAGE_TIMEOUT:.0f} s, left out")
    return result


def render_page(raw: bytes, index: int, dpi: int = DPI) -> bytes:
    """One page as a grey-scale PGM image at `dpi` (smaller when it would exceed MAX_PIXELS)."""
    import pypdfium2 as pdfium

    with _pdfium_lock:
        pdf = pdfium.PdfDocument(raw)
        try:
            page = pdf[index]
            try:
                width, height = page.get_size()  # points, 72 per inch
                scale = dpi / 72
                pixels = width * scale * height * scale
                if pixels > MAX_PIXELS:
                    scale *= (MAX_PIXELS / pixels) ** 0.5
                bitmap = page.render(scale=scale, grayscale=True)
                try:
                    w, h, stride = bitmap.width, bitmap.height, bitmap.stride
                    buffer = bytes(bitmap.buffer)
                finally:
                    bitmap.close()
            finally:
                page.close()
        finally:
            pdf.close()
    rows = (
        buffer if stride == w else b"".join(buffer[i * stride : i * stride + w] for i in range(h))
    )
    return b"P5\n%d %d\n255\n" % (w, h) + rows


def ocr_image(image: bytes, *, timeout: float = PAGE_TIMEOUT) -> str:
    """Text of one image (any format Tesseract reads: PGM, PNG, TIFF) in German."""
    check_tesseract()
    done = subprocess.run(
        ["tesseract", "stdin", "stdout", "-l", LANGUAGE, "--dpi", str(DPI), "--psm", "3"],
        input=image,
        capture_output=True,
        timeout=timeout,
        check=False,
        env=_env(),
    )
    if done.returncode != 0:
        problem = done.stderr.decode(errors="replace").strip().splitlines()
        log.warning("tesseract failed (%d): %s", done.returncode, problem[-1:] or "")
        return ""
    return done.stdout.decode("utf-8", errors="replace")
