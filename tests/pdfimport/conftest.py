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


def _folder(name):
    """Corpus names are unique; the held-out ones (h…) live in corpus/heldout/."""
    return CORPUS / "heldout" if name.startswith("h") else CORPUS


def corpus_names(held_out=True):
    names = sorted(path.stem for path in (CORPUS / "pdf").glob("*.pdf"))
    if held_out:
        names += sorted(path.stem for path in (CORPUS / "heldout" / "pdf").glob("*.pdf"))
    return names


def expected(name):
    path = _folder(name) / "expected" / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def corpus_pdf(name):
    return (_folder(name) / "pdf" / f"{name}.pdf").read_bytes()


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
