"""Agreement texts are HTML fragments (rich text): one careful parser for all readers.

Pure (lxml, no Zope): the text machinery of amendments and the PDF printer share it.
"""

import lxml.html
import re


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def parse_fragment(html):
    """An HTML fragment (str or UTF-8 bytes) in a <div>; control characters dropped."""
    if isinstance(html, bytes):
        html = html.decode("utf-8", "replace")
    return lxml.html.fragment_fromstring(_CONTROL.sub("", html or ""), create_parent="div")
