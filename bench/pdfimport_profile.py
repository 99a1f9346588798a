"""Where the per-draft Plone cost of the PDF import goes (cProfile of ``import_pdf``).

    .venv/bin/python bench/pdfimport_profile.py                # corpus, 5 rounds
    .venv/bin/python bench/pdfimport_profile.py --top 40 --sort tottime

The extraction runs first (outside the profile): only creating, versioning and indexing
the drafts is profiled, on the same test site as bench/pdfimport.py.
"""

from pathlib import Path

import argparse
import cProfile
import io
import pstats
import sys
import time


REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "pdfimport" / "corpus"
sys.path.insert(0, str(REPO / "bench"))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--callers", help="also print the callers of functions matching this")
    args = parser.parse_args(argv)

    from kooperation.pdfimport.portal import import_pdf
    from kooperation.pdfimport.sandbox import extract
    from kooperation.pdfimport.sandbox import Limits
    from kooperation.pdfimport.sandbox import shutdown
    from pdfimport import setup_site
    from plone import api
    from Products.CMFCore.indexing import processQueue

    import logging

    logging.disable(logging.WARNING)
    files = [p for p in sorted((CORPUS / "pdf").glob("*.pdf")) if "_ocr" not in p.name]
    files += sorted((CORPUS / "heldout" / "pdf").glob("*.pdf"))
    limits = Limits(ocr=False)
    data = [(p.name, p.read_bytes()) for p in files]
    results = [extract(content, limits) for _name, content in data]
    shutdown()
    portal = setup_site()
    profile = cProfile.Profile()
    with api.env.adopt_roles(["Manager"]):
        network = api.content.create(container=portal, type="Network", title="Warm-up")
        import_pdf(network, data[0][1], data[0][0], limits, result=results[0])
        processQueue()
        times = []
        for number in range(args.rounds):
            network = api.content.create(container=portal, type="Network", title=f"R {number}")
            processQueue()
            started = time.perf_counter()
            profile.enable()
            for (name, content), result in zip(data, results, strict=True):
                import_pdf(network, content, name, limits, result=result)
                processQueue()
            profile.disable()
            times.append(time.perf_counter() - started)
    drafts = len(data) * args.rounds
    print(f"{drafts} drafts, {sum(times) / drafts * 1000:.1f} ms per draft (profiled)")
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats(args.sort).print_stats(args.top)
    if args.callers:
        stats = pstats.Stats(profile, stream=out).sort_stats(args.sort)
        stats.print_callers(args.callers)
    print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
