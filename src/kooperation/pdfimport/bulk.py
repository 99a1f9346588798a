"""Import a folder of agreement PDFs as drafts (``kooperation-import-pdfs NETWORK FOLDER``,
``kooperation.cli.importpdfs``).

For a network moving in its archive: a progress bar while it runs, a summary table at the
end. A file imported before (same SHA-256) creates nothing, so a re-run is safe. The
drafts are committed in batches (``--batch``, default 20 files; a commit writes the
catalog's changed buckets once for the whole batch): an interrupted run keeps all but
the last batch, and a re-run imports that one again.

    .venv/bin/kooperation-import-pdfs oberhausen ~/archiv --instance instance
"""

from kooperation.pdfimport import extract
from kooperation.pdfimport import ExtractionError
from kooperation.pdfimport.portal import digest
from kooperation.pdfimport.portal import import_pdf
from kooperation.pdfimport.portal import known_digests
from kooperation.pdfimport.portal import network_partners
from pathlib import Path

import sys


def progress(done, total, name, stream, width=30):
    """One line, rewritten in place: [#####.....] 5/12 name.pdf"""
    filled = int(width * done / total) if total else width
    bar = "#" * filled + "." * (width - filled)
    stream.write(f"\r[{bar}] {done}/{total} {name[:40]:<40}")
    stream.flush()


def summary(rows, stream):
    """The table of results: file, outcome, pages, title or error."""
    headers = ("file", "result", "pages", "title / message")
    widths = [max(len(str(row[i])) for row in [headers, *rows]) for i in range(3)]
    widths = [min(w, 40) for w in widths]
    line = "  ".join(f"{{:<{w}}}" for w in widths) + "  {}"
    stream.write(line.format(*headers) + "\n")
    stream.write("  ".join("-" * w for w in widths) + "  " + "-" * 20 + "\n")
    for row in rows:
        stream.write(line.format(str(row[0])[:40], row[1], row[2], row[3]) + "\n")
    counts = {}
    for row in rows:
        counts[row[1]] = counts.get(row[1], 0) + 1
    stream.write(", ".join(f"{n} {outcome}" for outcome, n in sorted(counts.items())) + "\n")


def _extract(data, limits):
    """Runs in the prefetch thread: the sandboxed extraction, or its error."""
    try:
        return extract(data, limits), None
    except ExtractionError as error:
        return None, error


def import_folder(network, folder, limits=None, stream=sys.stderr, commit=None, batch=20):
    """Import every PDF in ``folder`` into ``network``; the rows of the summary table.

    ``commit(names)`` is called after every ``batch`` new drafts and once at the end.

    While one draft is created and indexed here, the next file is already extracted in
    its child process (a thread waits for it): the two run on two cores. Only this thread
    touches the database; the prefetch thread only reads bytes and waits for the child.
    """
    from concurrent.futures import ThreadPoolExecutor

    files = sorted(p for p in Path(folder).iterdir() if p.suffix.lower() == ".pdf")
    known = known_digests(network)
    partners = network_partners(network)
    rows = []
    ahead = {}
    pending = []

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pdfimport") as pool:

        def prefetch(index):
            if index >= len(files) or index in ahead:
                return
            path = files[index]
            try:
                data = path.read_bytes()
            except OSError as error:
                ahead[index] = (None, None, error)
                return
            sha = digest(data)
            future = None if sha in known else pool.submit(_extract, data, limits)
            ahead[index] = (data, sha, future)

        for index, path in enumerate(files):
            progress(index, len(files), path.name, stream)
            prefetch(index)
            prefetch(index + 1)
            data, sha, future = ahead.pop(index)
            if data is None:
                rows.append((path.name, "error", "", future.strerror))
                continue
            result, error = future.result() if future is not None else (None, None)
            if error is not None:
                rows.append((path.name, "error", "", error.message))
                continue
            try:
                agreement, extraction, created = import_pdf(
                    network, data, path.name, limits, result=result, partners=partners
                )
            except ExtractionError as error:
                rows.append((path.name, "error", "", error.message))
                continue
            known.add(sha)
            if created:
                pending.append(path.name)
            if commit is not None and len(pending) >= batch:
                commit(pending)
                pending = []
            rows.append(
                (
                    path.name,
                    "created" if created else "duplicate",
                    extraction.get("pages") or "",
                    agreement.absolute_url(1),
                )
            )
    if commit is not None and pending:
        commit(pending)
    progress(len(files), len(files), "", stream)
    stream.write("\n")
    return rows
