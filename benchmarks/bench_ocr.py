"""OCR of scanned PDF pages on this machine: pages per second, and how much of the text came back.

    python benchmarks/bench_ocr.py              # 6 generated A4 pages, 300 dpi
    python benchmarks/bench_ocr.py --pages 20

The pages are German prose from the demo corpus drawn as images (Pillow, a TrueType font)
and saved as a PDF without a text layer, then read through knowledge.filetext.read_bytes as
`gremienbot ingest` and the bot read them: PDFium renders each page at 300 dpi, Tesseract
(`-l deu`, one thread) reads it. Prints render and OCR time per page, pages/s over the whole
read, and the share of the drawn words found again. Needs Tesseract with its German model.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge import ocr  # noqa: E402
from knowledge.filetext import read_bytes  # noqa: E402
from tests.documents import scanned_pdf  # noqa: E402

LINES_PER_PAGE = 40
LINE_WORDS = 9


def page_lines(rng: random.Random, words: list[str]) -> list[str]:
    return [" ".join(rng.choice(words) for _ in range(LINE_WORDS)) for _ in range(LINES_PER_PAGE)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=6)
    args = parser.parse_args()
    ocr.check_tesseract()
    corpus = ROOT / "knowledge" / "data" / "demo_corpus"
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt")))
    words = [w for w in text.split() if w.isalpha() and len(w) > 2]
    rng = random.Random(7)
    pages = [page_lines(rng, words) for _ in range(args.pages)]
    raw = scanned_pdf(*pages)
    print(f"{args.pages} scanned A4 pages, {LINES_PER_PAGE} lines each, PDF {len(raw) // 1024} KB")

    started = time.perf_counter()
    image = ocr.render_page(raw, 0)
    render = time.perf_counter() - started
    started = time.perf_counter()
    ocr.ocr_image(image)
    one = time.perf_counter() - started
    print(f"one page: render {render:.2f} s ({len(image) // 2**20} MB grey image), OCR {one:.2f} s")

    started = time.perf_counter()
    read = read_bytes(raw, ".pdf")
    seconds = time.perf_counter() - started
    drawn = [w for lines in pages for line in lines for w in line.split()]
    found = set(read.text.split())
    share = sum(1 for w in drawn if w in found) / len(drawn)
    print(
        f"read_bytes: {read.ocr_pages} pages by OCR in {seconds:.1f} s = "
        f"{read.ocr_pages / seconds:.2f} pages/s; {share:.1%} of the drawn words found again"
    )


if __name__ == "__main__":
    main()
