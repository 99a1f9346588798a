"""OCR of scanned pages: pdftoppm renders the page, the ``tesseract`` binary reads it.

Both come from Debian (``poppler-utils``, ``tesseract-ocr``, ``tesseract-ocr-deu``; the
Makefile's ``system-deps`` installs them). Without them a scanned page simply has no text.
"""

import contextlib
import functools
import os
import shutil
import subprocess
import tempfile


@functools.lru_cache(maxsize=8)
def available(languages="deu"):
    """Whether pdftoppm and tesseract (with ``languages``) are installed (asked once)."""
    if not shutil.which("pdftoppm") or not shutil.which("tesseract"):
        return False
    try:
        listed = subprocess.run(
            ["tesseract", "--list-langs"], capture_output=True, text=True, timeout=20
        ).stdout.split()
    except (OSError, subprocess.SubprocessError):
        return False
    return all(language in listed for language in languages.split("+"))


class OcrSession:
    """OCR of the pages of one PDF: the file is written once, each page rendered and read.

    ``on_page`` is called before each page (the sandbox extends its time limit by it).
    """

    def __init__(self, data, languages="deu", dpi=300, timeout=50, on_page=None):
        self.data = data
        self.languages = languages
        self.dpi = dpi
        self.timeout = timeout
        self.on_page = on_page
        self._folder = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self._folder is not None:
            self._folder.cleanup()

    def _pdf(self):
        if self._folder is None:
            self._folder = tempfile.TemporaryDirectory(prefix="kooperation-ocr-")
            with open(os.path.join(self._folder.name, "in.pdf"), "wb") as stream:
                stream.write(self.data)
        return os.path.join(self._folder.name, "in.pdf")

    def page(self, number):
        """Tesseract's TSV for page ``number`` (1-based); "" when OCR is not possible."""
        if not available(self.languages):
            return ""
        if self.on_page is not None:
            self.on_page(number)
        pdf = self._pdf()
        prefix = os.path.join(self._folder.name, f"page{number}")
        env = dict(os.environ, OMP_THREAD_LIMIT="1")
        try:
            subprocess.run(
                ["pdftoppm", "-r", str(self.dpi), "-gray", "-f", str(number), "-l", str(number)]
                + ["-singlefile", pdf, prefix],  # PGM: PNG compression of a scan is slow
                capture_output=True,
                timeout=self.timeout,
                check=True,
            )
            result = subprocess.run(
                ["tesseract", prefix + ".pgm", "-", "-l", self.languages, "--dpi", str(self.dpi)]
                + ["tsv"],
                capture_output=True,
                timeout=self.timeout,
                check=True,
                env=env,
            )
        except (OSError, subprocess.SubprocessError):
            return ""
        finally:
            with contextlib.suppress(OSError):
                os.remove(prefix + ".pgm")
        return result.stdout.decode("utf-8", "replace")


def tsv_lines(tsv, width, height, dpi=300):
    """Lines [(text, x0, y0, x1, y1, size)] in PDF points from Tesseract's TSV, in its order.

    The words of a line are joined; the size is the median word height of the paragraph
    (a capital is about 0.7 of the font size), so that headings stand out and body text
    keeps one size.
    """
    scale = 72.0 / dpi
    lines = {}
    order = []
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5" or not cells[11].strip():
            continue
        try:
            block, par, line = int(cells[2]), int(cells[3]), int(cells[4])
            left, top, w, h = (int(c) for c in cells[6:10])
        except ValueError:
            continue
        key = (block, par, line)
        if key not in lines:
            lines[key] = {"words": [], "box": [left, top, left + w, top + h], "heights": []}
            order.append(key)
        entry = lines[key]
        entry["words"].append(cells[11].strip())
        box = entry["box"]
        box[0], box[1] = min(box[0], left), min(box[1], top)
        box[2], box[3] = max(box[2], left + w), max(box[3], top + h)
        entry["heights"].append(h)
    sizes = {}
    for key in order:
        sizes.setdefault(key[:2], []).extend(lines[key]["heights"])
    result = []
    for key in order:
        entry = lines[key]
        heights = sorted(sizes[key[:2]])
        size = round(heights[len(heights) // 2] * scale / 0.72)
        x0, top, x1, bottom = entry["box"]
        result.append(
            (
                " ".join(entry["words"]),
                x0 * scale,
                height - bottom * scale,
                x1 * scale,
                height - top * scale,
                float(size),
            )
        )
    return result
