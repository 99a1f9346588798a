"""The validation report of an uploaded signed PDF as a PDF (reportlab; no Zope).

Kept beside the signed original, as the "certificate of completion" of e-signature
tools: who signed, when and how that time is proven, the certificate, qualified or not,
each thing checked, what could not be checked offline, and what was counted.
"""

from io import BytesIO
from kooperation.printing.pdf import _fonts
from kooperation.printing.pdf import FONT
from kooperation.printing.pdf import make_pdfa
from kooperation.printing.pdf import printable
from kooperation.printing.pdf import styles
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph
from reportlab.platypus import SimpleDocTemplate
from reportlab.platypus import Spacer
from reportlab.platypus import Table
from reportlab.platypus import TableStyle
from xml.sax.saxutils import escape


def _p(text, style):
    return Paragraph(escape(printable(str(text or ""))), style)


def render(title, url, item, status, translate, time):
    """``translate(msgid, default, **mapping)`` gives the labels in the reader's language."""
    _fonts()
    style = styles()
    report = item["report"]
    story = [
        _p(translate("heading_esign_report", "Validation report"), style["title"]),
        _p(title, style["subtitle"]),
        Spacer(1, 4 * mm),
    ]
    facts = [
        (translate("label_esign_file", "Signed PDF"), item["filename"]),
        ("SHA-256", report["sha256"]),
        (
            translate("label_esign_uploaded", "Uploaded"),
            f"{item['uploaded_at']:%d.%m.%Y %H:%M} ({item['uploaded_by']})",
        ),
        (translate("label_esign_validated", "Validated"), time(report.get("validated_at"))),
        (translate("label_esign_document", "Document"), url),
    ]
    story.append(_table(facts, style))
    for signature, outcome in zip(report["signatures"], item["outcomes"], strict=False):
        signer = signature["signer"]
        story.append(_p(f"{signer['name']} – {signature['verdict']}", style["h2"]))
        rows = [
            (translate("label_esign_signer", "Signer"), signer["name"]),
            (
                translate("label_esign_organization", "Organisation"),
                signer.get("organization") or "–",
            ),
            (
                translate("label_esign_signing_time", "Signing time"),
                time(signature["signing_time"]),
            ),
            (
                translate("label_esign_certificate", "Certificate"),
                f"{signer['issuer']}, Nr. {signer['serial']}",
            ),
            (translate("label_esign_fingerprint", "Fingerprint (SHA-256)"), signer["sha256"]),
            (
                translate("label_esign_counted", "Counted"),
                translate("label_yes", "yes")
                if outcome.get("counted")
                else translate("label_no", "no"),
            ),
        ]
        story.append(_table(rows, style))
        story.append(_p(translate("heading_esign_checks", "What was checked"), style["h3"]))
        for check in signature["checks"]:
            mark = {True: "[+]", False: "[–]"}.get(check["ok"], "[?]")
            story.append(_p(f"{mark} {check['text']}", style["body"]))
        for note in outcome.get("notes", ()):
            story.append(_p(note, style["body"]))
        if outcome.get("error"):
            story.append(_p(outcome["error"], style["body"]))
    if report.get("not_checked"):
        story.append(_p(translate("heading_esign_not_checked", "Not checked offline"), style["h3"]))
        for text in report["not_checked"]:
            story.append(_p(text, style["body"]))
    story.append(_p(translate("heading_esign_form", "Written form"), style["h3"]))
    for text in status["messages"]:
        story.append(_p(text, style["body"]))
    buffer = BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=printable(title),
        creator="kooperation",
    ).build(story, canvasmaker=ArchiveCanvas)
    return buffer.getvalue()


class ArchiveCanvas(canvas.Canvas):
    """PDF/A-2b, as the signing PDFs: the report is archived beside the original."""

    def __init__(self, *args, **kwargs):
        kwargs["initialFontName"] = kwargs.get("initialFontName") or FONT
        super().__init__(*args, **kwargs)

    def save(self):
        make_pdfa(self)
        super().save()


def _table(rows, style):
    table = Table(
        [[_p(label, style["label"]), _p(value, style["cell"])] for label, value in rows],
        colWidths=[45 * mm, 125 * mm],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.grey),
            ]
        )
    )
    return table
