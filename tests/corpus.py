"""The bundled demo corpus as the tests see it: where it is, which file is OCR-damaged."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

CORPUS = Path(str(resources.files("knowledge").joinpath("data", "demo_corpus")))
OCR_FILE = "2013-integrationskonzept-und-kiz-antrag.txt"
CLEAN_FILES = [
    "2019-ki-baustein-6-und-themenschwerpunkte.txt",
    "2019-ki-sachstand-gemeinsam-klappts.txt",
    "2021-kim-module-und-case-management.txt",
    "2022-kim-personal-und-konzept.txt",
]
