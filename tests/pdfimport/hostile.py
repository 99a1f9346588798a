"""Hostile and broken PDFs for the tests, written byte by byte (no PDF library needed)."""

import zlib


def pdf_from_objects(objects, root=1):
    """A PDF with a correct xref table from ``objects`` (bytes bodies, numbered from 1)."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        xref,
    )
    return bytes(out)


def _stream(data, extra=b""):
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def text_pdf(lines, pages=1):
    """A plain PDF with ``lines`` of Helvetica text on each of ``pages`` pages."""
    content = b"BT /F1 11 Tf 72 760 Td 14 TL " + b" ".join(
        b"(" + line.encode("latin-1") + b") '" for line in lines
    )
    content += b" ET"
    kids = " ".join(f"{4 + i} 0 R" for i in range(pages)).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        _stream(content),
    ]
    font = 4 + pages
    for _ in range(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % font
        )
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    return pdf_from_objects(objects)


def many_pages(pages=301, lie=False):
    """A PDF of ``pages`` empty pages; with ``lie`` its page tree claims a count of 1."""
    kids = " ".join(f"{3 + i} 0 R" for i in range(pages)).encode()
    count = 1 if lie else pages
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % count,
    ]
    for _ in range(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>")
    return pdf_from_objects(objects)


def bomb(inflated_mb=256):
    """A PDF of a few KB whose page content inflates to ``inflated_mb`` MB (Flate twice)."""
    inner = zlib.compressobj(9)
    chunk = b"\0" * (1024 * 1024)
    parts = [inner.compress(chunk) for _ in range(inflated_mb)]
    parts.append(inner.flush())
    once = b"".join(parts)
    twice = zlib.compress(once, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        _stream(twice, b"/Filter [/FlateDecode /FlateDecode]"),
    ]
    return pdf_from_objects(objects)


def slow(operators=400_000):
    """A valid PDF whose single page draws ``operators`` tiny text runs: slow to lay out."""
    content = b"BT /F1 1 Tf " + b"1 0 Td (x) Tj " * operators + b"ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(zlib.compress(content), b"/Filter /FlateDecode"),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return pdf_from_objects(objects)


def encrypted(path):
    """A PDF that needs a user password (RC4/AES by reportlab)."""
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), encrypt=StandardEncryption("geheim", "owner"), invariant=1)
    canvas.drawString(72, 760, "Kooperationsvereinbarung zwischen A und B")
    canvas.showPage()
    canvas.save()
    return path.read_bytes()


def image_only():
    """A page with an image and no text: nothing to read without OCR (blank gray image)."""
    pixels = zlib.compress(b"\xff" * (50 * 50))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /XObject << /Im1 5 0 R >> >> >>",
        _stream(b"q 500 0 0 700 40 70 cm /Im1 Do Q"),
        _stream(
            pixels,
            b"/Type /XObject /Subtype /Image /Width 50 /Height 50 /ColorSpace /DeviceGray "
            b"/BitsPerComponent 8 /Filter /FlateDecode",
        ),
    ]
    return pdf_from_objects(objects)
