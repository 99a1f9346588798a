"""PDF import: from a signed agreement PDF to text, sections and rule fields with evidence.

Pure Python on pdfminer.six, no Zope: the portal (``browser``, ``services/import_agreement``)
adapts it. ``extract`` runs in a child process with limits (see ``sandbox``).
"""

from kooperation.pdfimport.errors import ExtractionError
from kooperation.pdfimport.errors import MESSAGES
from kooperation.pdfimport.fields import FIELDS
from kooperation.pdfimport.sandbox import extract
from kooperation.pdfimport.sandbox import Limits


# The keys of the console's JSON, in this order (text and html stay inside the portal).
OUTPUT_KEYS = (
    *FIELDS,
    "evidence",
    "pages",
    "ocr_pages",
    "text_chars",
    "sections",
)


def public(result):
    """The extraction as ``kooperation-extract`` prints it."""
    return {key: result.get(key) for key in OUTPUT_KEYS}


__all__ = ["FIELDS", "MESSAGES", "OUTPUT_KEYS", "ExtractionError", "Limits", "extract", "public"]
