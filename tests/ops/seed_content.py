"""Write content a restore must bring back: a PDF file and a new version of the
agreement. Run as ``python seed_content.py INSTANCE ROUND`` (the server stopped)."""

from kooperation.cli.main import _open_app
from pathlib import Path
from plone import api
from plone.namedfile.file import NamedBlobFile
from zope.component.hooks import setSite

import sys
import transaction


PDF = Path(__file__).parent.parent / "pdfimport" / "corpus" / "pdf" / "01_oberhausen_seed.pdf"


def seed(instance, round_):
    app = _open_app(Path(instance))
    site = app["Plone"]
    setSite(site)
    with api.env.adopt_roles(["Manager"]):
        data = PDF.read_bytes() + f"\n% round {round_}\n".encode()
        api.content.create(
            container=site,
            type="File",
            id=f"anlage-{round_}",
            title=f"Anlage {round_}",
            file=NamedBlobFile(data=data, contentType="application/pdf", filename="anlage.pdf"),
        )
        (brain,) = api.content.find(portal_type="Agreement")[:1]
        agreement = brain.getObject()
        agreement.description = f"Fassung {round_}"
        api.portal.get_tool("portal_repository").save(agreement, comment=f"round {round_}")
    transaction.commit()
    app._p_jar.close()


if __name__ == "__main__":
    seed(sys.argv[1], sys.argv[2])
