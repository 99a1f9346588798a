"""The whole PDF import vs. its two stock baselines: ``extract_text`` + a stock content create.

    .venv/bin/python bench/pdfimport.py              # corpus + long agreements, 3 rounds
    .venv/bin/python bench/pdfimport.py --rounds 5
    .venv/bin/python bench/pdfimport.py --commit     # with commits, as in production

Whole import = sandboxed extraction (child process with limits, layout, fields) + a draft
Agreement with the original PDF as a File + catalog indexing, on a test site (the
add-on's integration layer, in this process). Baseline = ``pdfminer.high_level.extract_text``
(its default layout analysis) of the same bytes in this process, plus a stock
``plone.api.content.create`` of a Document with the same text and a File with the same PDF
(indexed, first version by CMFEditions, committed the same way). All run interleaved in the
same run; the ratio of the totals is printed with pages per second. Target (issue 18): the
whole import ≤ 1.15× the sum of the two baselines, for short files and for long agreements;
and the pages per second of a bulk import of 100 files.
The whole import runs as ``kooperation-import-pdfs`` does (the next file is extracted in its
child process while this one is created and indexed: two cores); one-by-one imports, as
single uploads come in, are measured too. The scanned sample is left out: the baseline
reads nothing from it.

Without ``--commit`` nothing is committed (the integration layer): the savepoint of the
first version stands in for the commit. With ``--commit`` (the functional layer, an
in-memory storage) the bulk path commits in batches as the command does (``--batch``)
and the one-by-one path commits each file, as one upload is one request.
"""

from pathlib import Path

import argparse
import io
import statistics
import sys
import tempfile
import time


REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "pdfimport" / "corpus"
sys.path.insert(0, str(CORPUS))


def long_agreements(folder, count=3, sections=30):
    """Longer agreements (10+ pages) in three layouts, typeset like the corpus."""
    from typeset import Typesetter

    paragraph = (
        "Die Partner unterrichten sich gegenseitig über neue Angebote, Förderprogramme und "
        "Änderungen der Zuständigkeiten nach dem SGB II, dem SGB III und dem SGB VIII. Sie "
        "benennen verlässliche Ansprechpersonen, halten die Kontaktliste aktuell und stimmen "
        "Fallbesprechungen nur mit Einwilligung der jungen Menschen ab."
    )
    layouts = [
        {"font": "Times-Roman", "footer": "Seite {page} von {pages}", "header": "JBA"},
        {"font": "Helvetica", "columns": 2, "hyphenate": True},
        {"font": "Courier", "size": 9.5, "landscape": True},
    ]
    paths = []
    for number in range(count):
        body = "\n\n".join(
            f"## § {i + 1} Abschnitt {i + 1}\n\n{paragraph}\n\n- {paragraph}\n\n{paragraph}"
            for i in range(sections)
        )
        text = (
            f"# Kooperationsvereinbarung Nr. {number + 1}\n\nzwischen\n\nder Stadt Musterstadt"
            "\n\nund\n\ndem Jobcenter Musterstadt\n\n"
            + body
            + "\n\n## Laufzeit\n\nDie Vereinbarung tritt mit der Unterzeichnung in Kraft. Sie "
            "verlängert sich jeweils um ein Jahr, wenn sie nicht drei Monate vorher gekündigt "
            "wird.\n\nMusterstadt, den 01.02.2024"
        )
        path = Path(folder) / f"long_{number + 1}.pdf"
        Typesetter(path, **layouts[number % len(layouts)]).render(text)
        paths.append(path)
    return paths


def setup_site(commit=False):
    """The integration (or functional) layer's site, set up as the test runner would."""
    from kooperation.testing import KOOPERATION_FUNCTIONAL_TESTING
    from kooperation.testing import KOOPERATION_INTEGRATION_TESTING

    layer = KOOPERATION_FUNCTIONAL_TESTING if commit else KOOPERATION_INTEGRATION_TESTING

    done = set()

    def set_up(layer):
        for base in layer.__bases__:
            set_up(base)
        if layer not in done:
            layer.setUp()
            done.add(layer)

    set_up(layer)
    layer.testSetUp()
    return layer["portal"]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--long", type=int, default=6, help="number of long agreements")
    parser.add_argument("--commit", action="store_true", help="commit as in production")
    parser.add_argument("--batch", type=int, default=20, help="files per commit in bulk")
    parser.add_argument("--bulk", type=int, default=100, help="files of the bulk run (0: none)")
    args = parser.parse_args(argv)

    from kooperation.pdfimport.bulk import import_folder
    from kooperation.pdfimport.portal import import_pdf
    from kooperation.pdfimport.sandbox import extract
    from kooperation.pdfimport.sandbox import Limits
    from kooperation.pdfimport.sandbox import shutdown
    from pdfminer.high_level import extract_text
    from plone import api
    from plone.app.textfield.value import RichTextValue
    from plone.namedfile.file import NamedBlobFile
    from Products.CMFCore.indexing import processQueue

    import inspect
    import logging
    import transaction

    def commit(*_names):
        if args.commit:
            transaction.commit()

    bulk_options = {}
    if args.commit:
        bulk_options["commit"] = commit
        if "batch" in inspect.signature(import_folder).parameters:
            bulk_options["batch"] = args.batch

    logging.disable(logging.WARNING)  # pdfminer's and the catalog's chatter

    def measure(label, batch, rounds):
        """Medians of the four timings over ``rounds`` interleaved rounds; prints them."""
        data = [(p.name, p.read_bytes()) for p in sorted(batch.iterdir())]
        times = {"bare": [], "stock": [], "extract": [], "bulk": [], "single": []}
        pages = 0
        for round_number in range(rounds):
            started = time.perf_counter()
            for _name, content in data:
                extract_text(io.BytesIO(content))
            times["bare"].append(time.perf_counter() - started)

            # the stock baseline: the text read bare, then a stock Document with that text and
            # a stock File with the PDF, created, indexed, versioned and committed as the import
            network = api.content.create(
                container=portal, type="Network", title=f"{label} stock {round_number}"
            )
            commit()
            started = time.perf_counter()
            for name, content in data:
                text = extract_text(io.BytesIO(content))
                api.content.create(
                    container=network,
                    type="Document",
                    title=name,
                    text=RichTextValue(text, "text/plain", "text/x-html-safe"),
                )
                api.content.create(
                    container=network,
                    type="File",
                    title=name,
                    file=NamedBlobFile(data=content, contentType="application/pdf", filename=name),
                )
                processQueue()
                commit()
            times["stock"].append(time.perf_counter() - started)

            # extraction and parsing alone (sandboxed child, limits, fields)
            started = time.perf_counter()
            for _name, content in data:
                extract(content, limits)
            times["extract"].append(time.perf_counter() - started)

            # the bulk path, as kooperation-import-pdfs runs it (the next file is
            # extracted in its child while this one is created and indexed)
            network = api.content.create(
                container=portal, type="Network", title=f"{label} bulk {round_number}"
            )
            commit()
            started = time.perf_counter()
            rows = import_folder(network, batch, limits, stream=io.StringIO(), **bulk_options)
            processQueue()
            times["bulk"].append(time.perf_counter() - started)
            assert [row[1] for row in rows] == ["created"] * len(data), rows
            pages = sum(row[2] for row in rows)

            # one file after the other, as single uploads come in (no overlap)
            network = api.content.create(
                container=portal, type="Network", title=f"{label} single {round_number}"
            )
            commit()
            started = time.perf_counter()
            for name, content in data:
                import_pdf(network, content, name, limits)
                processQueue()
                commit()
            times["single"].append(time.perf_counter() - started)
        median = {key: statistics.median(values) for key, values in times.items()}
        bare = median["bare"]
        stock = median["stock"]
        print(
            f"{label}: {len(data)} files, {pages} pages, {rounds} rounds (medians"
            f"{', with commits' if args.commit else ', no commits'})"
        )
        names = {
            "bare": "bare pdfminer.six extract_text",
            "stock": "baseline: extract_text + stock create",
            "extract": "extract + parse (sandboxed child)",
            "bulk": "whole import, bulk (overlapped)",
            "single": "whole import, one file at a time",
        }
        print(f"  {'':<38} {'seconds':>8} {'pages/s':>8} {'/bare':>6} {'/baseline':>10}")
        for key, name in names.items():
            seconds = median[key]
            # the ratio in each round (to that round's baseline): the spread on a busy machine
            ratios = [t / base for t, base in zip(times[key], times["stock"], strict=True)]
            print(
                f"  {name:<38} {seconds:8.2f} {pages / seconds:8.1f} {seconds / bare:5.2f}x "
                f"{seconds / stock:9.2f}x  (rounds {min(ratios):.2f}-{max(ratios):.2f}x)"
            )
        return median, pages

    with tempfile.TemporaryDirectory() as folder:
        short = Path(folder) / "short"
        short.mkdir()
        files = [p for p in sorted((CORPUS / "pdf").glob("*.pdf")) if "_ocr" not in p.name]
        files += sorted((CORPUS / "heldout" / "pdf").glob("*.pdf"))
        for path in files:
            (short / path.name).write_bytes(path.read_bytes())
        long = Path(folder) / "long"
        long.mkdir()
        long_agreements(long, count=args.long)
        portal = setup_site(args.commit)
        limits = Limits(ocr=False)
        with api.env.adopt_roles(["Manager"]):
            # warm up both paths (imports, the helper process, the catalog)
            network = api.content.create(container=portal, type="Network", title="Warm-up")
            sample = files[0].read_bytes()
            extract_text(io.BytesIO(sample))
            import_pdf(network, sample, files[0].name, limits)
            processQueue()
            commit()
            measure("corpus (1-3 pages each)", short, args.rounds)
            measure("long agreements (10+ pages)", long, args.rounds)
            if args.bulk:
                hundred = Path(folder) / "hundred"
                hundred.mkdir()
                for number in range(args.bulk):
                    source = files[number % len(files)]
                    # a distinct file each (the import skips a PDF it has seen: same SHA-256)
                    data = source.read_bytes() + f"\n% copy {number}\n".encode()
                    (hundred / f"{number:03d}_{source.name}").write_bytes(data)
                median, pages = measure(f"bulk import of {args.bulk} files", hundred, 1)
                print(f"  bulk import: {pages / median['bulk']:.1f} pages/s")
        shutdown()
    print("target (issue 18): whole import <= 1.15x the baseline (extract_text + stock create)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
