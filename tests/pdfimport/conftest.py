"""Fixtures of the PDF import tests: the corpus and hostile files."""

from pathlib import Path

import json
import pytest
import shutil
import subprocess
import sys


HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
sys.path.insert(0, str(HERE))


def corpus_names():
    return sorted(path.stem for path in (CORPUS / "pdf").glob("*.pdf"))


def expected(name):
    return json.loads((CORPUS / "expected" / f"{name}.json").read_text(encoding="utf-8"))


def corpus_pdf(name):
    return (CORPUS / "pdf" / f"{name}.pdf").read_bytes()


def ocr_available():
    if not shutil.which("tesseract") or not shutil.which("pdftoppm"):
        return False
    langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True)
    return "deu" in langs.stdout.split()


@pytest.fixture(scope="session", autouse=True)
def _stop_helpers():
    yield
    from kooperation.pdfimport.sandbox import shutdown

    shutdown()
