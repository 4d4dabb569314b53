#!/bin/sh
# OCR for scanned PDFs needs the tesseract command with its German model. The test command of
# the README runs this first: it installs both where it can (root with apt-get, as in CI) and
# otherwise says how and fails, so the OCR tests never pass over a missing Tesseract in silence.
set -e
has_ocr() {
    command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx deu
}
if has_ocr; then
    exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Tesseract OCR with its German model (tesseract-ocr, tesseract-ocr-deu) ..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq tesseract-ocr tesseract-ocr-deu >/dev/null
    has_ocr && exit 0
fi
echo "OCR is not installed: scanned PDFs need Tesseract with its German model." >&2
echo "Debian/Ubuntu: sudo apt-get install tesseract-ocr tesseract-ocr-deu" >&2
echo "(other systems: install tesseract and its 'deu' language data)" >&2
exit 1
