"""A file the browser saves instead of showing (PDFs, exports)."""


def attachment(request, data, filename, content_type="application/pdf"):
    """Set the headers of a download of ``data`` on ``request``'s response; return ``data``."""
    response = request.response
    response.setHeader("Content-Type", content_type)
    response.setHeader("Content-Disposition", f'attachment; filename="{filename}"')
    response.setHeader("Content-Length", str(len(data)))
    return data


def language_of(request):
    """The request's language ("de" when it has none), as the PDFs print their labels."""
    return getattr(request, "get", lambda *a: "")("LANGUAGE", "") or "de"
