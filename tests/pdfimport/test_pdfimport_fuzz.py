"""Fuzzing the extractor with mutated corpus PDFs (hypothesis).

Every mutation must end in a result or an ExtractionError, never in another exception.
The suite runs a bounded number of examples; a longer run:

    KOOPERATION_FUZZ_EXAMPLES=3000 .venv/bin/pytest tests/pdfimport/test_pdfimport_fuzz.py
"""

from conftest import corpus_pdf
from hypothesis import given
from hypothesis import HealthCheck
from hypothesis import settings
from hypothesis import strategies as st
from kooperation.pdfimport import ExtractionError
from kooperation.pdfimport.document import extract_bytes

import hostile
import os
import signal


EXAMPLES = int(os.environ.get("KOOPERATION_FUZZ_EXAMPLES", "40"))
# Uncompressed content streams, so that mutations reach the text operators too.
PLAIN = hostile.text_pdf(
    [
        "K O O P E R A T I O N S V E R E I N B A R U N G",
        "",
        "zwischen dem Jobcenter Musterstadt und der Stadt Musterstadt",
        "\xa7 1 Laufzeit",
        "Die Vereinbarung tritt am 01.01.2020 in Kraft. Sie verl\xe4ngert sich jeweils um ein",
        "Jahr, wenn sie nicht drei Monate vorher gek\xfcndigt wird. Stand: 20.05.2015",
        "Seite 1 von 2",
    ],
    pages=2,
)
SOURCES = [
    PLAIN,
    *(
        corpus_pdf(name)
        for name in (
            "01_oberhausen_seed",
            "02_jba_offenbach_two_columns",
            "09_dortmund_multipage_quarter_year",
        )
    ),
]


class Hang(Exception):
    pass


def _alarm(_signum, _frame):
    raise Hang


@st.composite
def mutated(draw):
    data = bytearray(draw(st.sampled_from(SOURCES)))
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["flip", "cut", "insert", "delete", "token"]))
        position = draw(st.integers(0, len(data) - 1))
        if kind == "flip":
            data[position] = draw(st.integers(0, 255))
        elif kind == "cut":
            del data[position : position + draw(st.integers(1, 2000))]
        elif kind == "insert":
            data[position:position] = draw(st.binary(min_size=1, max_size=40))
        elif kind == "delete":
            del data[position : position + 1]
        else:
            token = draw(
                st.sampled_from(
                    [b"<<", b">>", b"[", b"]", b"(", b")", b"/Filter", b"R", b"obj", b"999999999"]
                )
            )
            data[position:position] = token
        if not data:
            data = bytearray(b"%PDF-1.4")
    return bytes(data)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=EXAMPLES <= 100,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutated())
def test_mutated_pdfs_end_in_a_result_or_a_clear_error(data):
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(20)
    code = result = None
    try:
        result = extract_bytes(data, ocr=False)
    except ExtractionError as error:
        code = error.code
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    if result is None:
        assert code in ("not_pdf", "truncated", "corrupt", "encrypted", "too_many_pages", "no_text")
    else:
        assert isinstance(result["text"], str)
        assert result["pages"] >= 1


WORDS = [
    "Die",
    "Vereinbarung",
    "zwischen",
    "dem",
    "der",
    "und",
    "Jobcenter",
    "tritt",
    "am",
    "01.01.2020",
    "in",
    "Kraft",
    "verlängert",
    "sich",
    "jeweils",
    "um",
    "ein",
    "halbes",
    "Jahr",
    "drei",
    "Monate",
    "zum",
    "Jahresende",
    "gekündigt",
    "Frist",
    "von",
    "§",
    "78",
    "SGB",
    "VIII",
    "Schriftform",
    "Stand:",
    "Oberhausen,",
    "den",
    "Mitwirkung",
    "wird",
    "angestrebt",
    ".",
    ",",
    "-",
    "(",
    ")",
    "Für",
    "vertreten",
    "durch",
    "Ende",
    "eines",
    "Quartals",
    "bis",
    "31.12.2025",
    "Laufzeit",
    "Dauer",
    "zunächst",
]


@settings(max_examples=EXAMPLES * 5, deadline=None, derandomize=EXAMPLES <= 100)
@given(
    st.lists(
        st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), max_size=400),
        min_size=1,
        max_size=12,
    )
)
def test_field_rules_on_any_text(blocks):
    """Word salad of the phrases the rules look for: no exception, and fast (no regex blowup)."""
    from kooperation.pdfimport.fields import extract_fields
    from kooperation.pdfimport.layout import heading_level
    from kooperation.pdfimport.layout import Paragraph

    import time

    paragraphs = []
    for number, words in enumerate(blocks):
        text = " ".join(words)
        paragraphs.append(
            Paragraph(
                text=text,
                page=1,
                size=14 if number == 0 else 10,
                heading=heading_level(text),
                lines=[" ".join(words[i : i + 12]) for i in range(0, len(words), 12)] or [""],
            )
        )
    started = time.monotonic()
    result = extract_fields(paragraphs)
    assert time.monotonic() - started < 5
    for name, sentence in result["evidence"].items():
        assert isinstance(sentence, str), name
