"""Why an extraction failed: one code per cause, an English sentence for the console.

The portal translates the codes with its own catalog messages (services and views).
"""

MESSAGES = {
    "not_pdf": "The file is not a PDF.",
    "truncated": "The PDF is truncated (its end is missing).",
    "corrupt": "The PDF is damaged and cannot be read.",
    "encrypted": "The PDF is encrypted; upload a copy without password protection.",
    "too_large": "The file is larger than the limit of ${limit} MB.",
    "too_many_pages": "The PDF has more than ${limit} pages.",
    "timeout": "Reading the PDF took longer than the limit of ${limit} seconds.",
    "memory": "Reading the PDF needed more memory than the limit of ${limit} MB.",
    "stream_too_large": "The PDF contains a stream that inflates beyond ${limit} MB.",
    "no_text": "The PDF has no text layer and could not be read by OCR.",
    "failed": "Reading the PDF failed.",
}


class ExtractionError(Exception):
    """A PDF that cannot be extracted; ``code`` is a key of MESSAGES."""

    def __init__(self, code, **mapping):
        self.code = code if code in MESSAGES else "failed"
        self.mapping = mapping
        super().__init__(self.message)

    @property
    def message(self):
        text = MESSAGES[self.code]
        for key, value in self.mapping.items():
            text = text.replace("${" + key + "}", str(value))
        return text
