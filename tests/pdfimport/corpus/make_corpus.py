"""Write the test corpus: tests/pdfimport/corpus/pdf/*.pdf and expected/*.json.

    .venv/bin/python tests/pdfimport/corpus/make_corpus.py

Needs reportlab (test extra); the scanned sample also needs pdftoppm (poppler-utils).
The PDFs are committed, so the tests do not depend on these tools.
"""

from pathlib import Path

import json
import shutil
import subprocess
import sys
import tempfile


HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from agreements import AGREEMENTS  # noqa: E402
from agreements import HELD_OUT  # noqa: E402
from typeset import Typesetter  # noqa: E402


def scanned_copy(source, target):
    """An image-only copy of ``source``: each page rendered at 200 dpi and placed as a picture."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            ["pdftoppm", "-r", "200", "-gray", "-jpeg", str(source), f"{folder}/p"], check=True
        )
        canvas = Canvas(str(target), pagesize=A4, invariant=1)
        for image in sorted(Path(folder).glob("p*.jpg")):
            canvas.drawImage(str(image), 0, 0, width=A4[0], height=A4[1])
            canvas.showPage()
        canvas.save()


def write(items, folder):
    pdf_dir, expected_dir = folder / "pdf", folder / "expected"
    pdf_dir.mkdir(parents=True, exist_ok=True)
    expected_dir.mkdir(parents=True, exist_ok=True)
    for item in items:
        path = pdf_dir / f"{item['name']}.pdf"
        pages = Typesetter(path, **item["layout"]).render(item["text"])
        (expected_dir / f"{item['name']}.json").write_text(
            json.dumps(item["expected"], ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        print(f"{path.name}: {pages} pages")


def noisy_scan(source, target, seed=1):
    """A worse scan: tilted by 1.2 degrees, speckled, blurred, saved as a lossy JPEG."""
    from PIL import Image
    from PIL import ImageFilter
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    import random

    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            ["pdftoppm", "-r", "200", "-gray", "-png", str(source), f"{folder}/p"], check=True
        )
        canvas = Canvas(str(target), pagesize=A4, invariant=1)
        for path in sorted(Path(folder).glob("p*.png")):
            image = Image.open(path).convert("L")
            image = image.rotate(1.2, fillcolor=255, resample=Image.BICUBIC)
            pixels = image.load()
            width, height = image.size
            for _ in range(width * height // 60):
                pixels[rng.randrange(width), rng.randrange(height)] = rng.choice((0, 255))
            image = image.filter(ImageFilter.GaussianBlur(0.6))
            jpeg = Path(folder) / f"{path.stem}.jpg"
            image.save(jpeg, quality=60)
            canvas.drawImage(str(jpeg), 0, 0, width=A4[0], height=A4[1])
            canvas.showPage()
        canvas.save()


def main():
    write(AGREEMENTS, HERE)
    write(HELD_OUT, HERE / "heldout")
    pdf_dir, expected_dir = HERE / "pdf", HERE / "expected"
    if shutil.which("pdftoppm"):
        source = next(i for i in AGREEMENTS if i["name"].startswith("07_"))
        name = "14_kiel_scanned_ocr"
        scanned_copy(pdf_dir / f"{source['name']}.pdf", pdf_dir / f"{name}.pdf")
        (expected_dir / f"{name}.json").write_text(
            json.dumps(source["expected"], ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        print(f"{name}.pdf: scanned")
        source = next(i for i in AGREEMENTS if i["name"].startswith("06_"))
        name = "15_bochum_noisy_scan_ocr"
        noisy_scan(pdf_dir / f"{source['name']}.pdf", pdf_dir / f"{name}.pdf")
        (expected_dir / f"{name}.json").write_text(
            json.dumps(source["expected"], ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        print(f"{name}.pdf: noisy scan")


if __name__ == "__main__":
    main()
