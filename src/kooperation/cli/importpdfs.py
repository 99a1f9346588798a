"""``kooperation-import-pdfs NETWORK FOLDER``: import a folder of agreement PDFs as drafts
(``kooperation.pdfimport.bulk``), with a progress bar and a summary table.

    .venv/bin/kooperation-import-pdfs oberhausen ~/archiv --instance instance
"""

from kooperation.cli.main import _open_app
from kooperation.interfaces import INetwork
from kooperation.pdfimport.bulk import import_folder
from kooperation.pdfimport.bulk import summary
from kooperation.pdfimport.sandbox import shutdown
from pathlib import Path
from zope.component.hooks import setSite

import argparse
import sys
import time
import transaction


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="kooperation-import-pdfs", description=__doc__.splitlines()[0]
    )
    parser.add_argument("network", help="path of the network below the site, e.g. oberhausen")
    parser.add_argument("folder", type=Path, help="folder with the PDF files")
    parser.add_argument("--instance", default="instance")
    parser.add_argument("--site-id", default="Plone")
    parser.add_argument(
        "--batch", type=int, default=20, help="files per commit (default 20; 1: each file)"
    )
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"kooperation-import-pdfs: {args.folder} is not a folder", file=sys.stderr)
        return 2

    app = _open_app(args.instance)
    site = app.get(args.site_id)
    if site is None:
        print(f"kooperation-import-pdfs: no site {args.site_id!r}", file=sys.stderr)
        return 2
    setSite(site)
    network = site.unrestrictedTraverse(args.network.strip("/"), None)
    if network is None or not INetwork.providedBy(network):
        print(f"kooperation-import-pdfs: {args.network!r} is not a network", file=sys.stderr)
        return 2
    started = time.monotonic()

    def commit(names):
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        transaction.get().note(f"kooperation-import-pdfs: {shown}")
        transaction.commit()

    try:
        rows = import_folder(network, args.folder, commit=commit, batch=max(1, args.batch))
    finally:
        shutdown()
    summary(rows, sys.stdout)
    print(f"{len(rows)} files in {time.monotonic() - started:.1f} s")
    return 1 if any(row[1] == "error" for row in rows) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
