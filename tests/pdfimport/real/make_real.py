"""Render the real development corpus: tests/pdfimport/real/<nn_name>/document.pdf.

    .venv/bin/python tests/pdfimport/real/make_real.py

Each folder holds ``source.txt`` (where the text was published, when it was fetched),
``text.txt`` (the text as published: excerpts stay excerpts) and ``truth.json`` (the fields
written by hand from the text alone). This script only lays the text out: in turn as plain
pages, two columns, a party table (logo column left, names right), a signature table,
a letter-spaced title under a running header, a clean 200 dpi scan and a noisy tilted scan
(the scans need pdftoppm; Pillow and reportlab come with the test extra). The layout never
adds words that carry a field. The PDFs are committed, so the tests need none of these tools.
"""

from pathlib import Path

import re
import shutil
import sys
import tempfile
import textwrap


HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "corpus"))

from make_corpus import noisy_scan  # noqa: E402
from make_corpus import scanned_copy  # noqa: E402
from typeset import Typesetter  # noqa: E402


LAYOUTS = (
    ("plain", {"font": "Helvetica"}),
    ("two_columns", {"font": "Times-Roman", "columns": 2, "hyphenate": True}),
    ("party_table", {"font": "Helvetica", "size": 10}),
    ("signature_table", {"font": "Times-Roman", "size": 11}),
    ("spaced_title", {"font": "Helvetica", "header": "Amtliche Bekanntmachung"}),
    ("scan", {"font": "Times-Roman", "size": 11.5}),
    ("noisy_scan", {"font": "Helvetica", "size": 11.5}),
)

HEADING = re.compile(
    r"^(?:§\s*\d+[a-z]?\b.{0,70}|Präambel:?|PRÄAMBEL|[IVX]+\.\s+\S.{0,60}|\d+(?:\.\d+)*\.?\s+[A-ZÄÖÜ]"
    r"[^.]{0,50}|Gegenstand|Ziel|Inhaltsverzeichnis|Vertragspartner|Unterzeichnende)$"
)
PARTY_OPEN = re.compile(r"^(?:zwischen(?: dem| der)?|Vertragspartner|Unterzeichnende)$", re.I)
PARTY_CLOSE = re.compile(
    r"^(?:-?\s*(?:nachfolgend|im Folgenden|nachstehend)|Präambel|PRÄAMBEL|wird |§|\d+\. [A-Z])",
    re.I,
)


def markup(text, layout):
    """Typesetter markup of a published text: the first paragraph is the title."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    out = []
    in_parties = False
    for index, paragraph in enumerate(paragraphs):
        lines = [line.strip() for line in paragraph.splitlines() if line.strip()]
        if index == 0 and len(paragraph) < 240:
            mark, width = ("#! ", 26) if layout == "spaced_title" else ("# ", 50)
            out += [mark + line for line in textwrap.wrap(" ".join(lines), width)] + [""]
            continue
        for line in lines:
            if layout == "party_table" and PARTY_OPEN.match(line):
                in_parties = True
                out += [line, ""]
                continue
            if in_parties and PARTY_CLOSE.match(line):
                in_parties = False
            if in_parties and len(line) < 110:
                out.append(f"| | {line.replace('|', '/')} |")
                continue
            if HEADING.match(line) and len(line) < 90:
                out += ["", "## " + line, ""]
            else:
                out += [line, ""]
    if layout == "signature_table":
        out += ["~", "| ___ | ___ |", "| (Unterschrift) | (Unterschrift) |"]
    return "\n".join(out)


def render(folder, number):
    name, options = LAYOUTS[number % len(LAYOUTS)]
    text = (folder / "text.txt").read_text(encoding="utf-8")
    target = folder / "document.pdf"
    if name in ("scan", "noisy_scan"):
        if not shutil.which("pdftoppm"):
            print(f"{folder.name}: pdftoppm missing, rendered without the scan")
            name = "plain"
        else:
            with tempfile.TemporaryDirectory() as tmp:
                clean = Path(tmp) / "clean.pdf"
                Typesetter(clean, **options).render(markup(text, name))
                if name == "scan":
                    scanned_copy(clean, target)
                else:
                    noisy_scan(clean, target, seed=number)
            return name
    Typesetter(target, **options).render(markup(text, name))
    return name


def main():
    folders = sorted(p for p in HERE.iterdir() if (p / "text.txt").exists())
    for number, folder in enumerate(folders):
        print(f"{folder.name}: {render(folder, number)}")


if __name__ == "__main__":
    main()
