"""Per-field accuracy of the PDF import's extraction, on the authored and the real corpus.

    .venv/bin/python bench/pdfimport_accuracy.py                    # both corpora
    .venv/bin/python bench/pdfimport_accuracy.py --corpus authored  # tests/pdfimport/corpus
    .venv/bin/python bench/pdfimport_accuracy.py --corpus real -v   # tests/pdfimport/real
    .venv/bin/python bench/pdfimport_accuracy.py --corpus DIR       # DIR/pdf + DIR/expected,
                                                                    # or DIR/*/document.pdf + truth.json

Each PDF runs through the real path (sandboxed child, limits, OCR). Per field:

- right: the value equals the expected one (titles case- and space-insensitive, lists as sets,
  legal bases with "Absatz"/"Abs." and spaces normalised); a null expected and null given is right;
- wrong: both have a value and they differ;
- missing: a value was expected, none given;
- false positive: a value was given where the text has none (expected null).

"parties complete" counts the documents whose expected party list is wholly contained in the
extracted one (extra names are false positives of the list, not gaps).
"""

from pathlib import Path

import argparse
import json
import re
import sys


REPO = Path(__file__).resolve().parent.parent
CORPORA = {
    "authored": REPO / "tests" / "pdfimport" / "corpus",
    "real": REPO / "tests" / "pdfimport" / "real",
}


def _norm(value):
    value = " ".join(str(value).translate(str.maketrans("–—", "--")).split())
    value = re.sub(r"\bAbsatz\b", "Abs.", value)
    value = re.sub(r"§\s*", "§ ", value)
    value = re.sub(r"(\d)\s+([a-z])\b", r"\1\2", value)  # "78 f" is "78f"
    return value.casefold()


def same(field, got, want):
    if field == "title":
        dashes = str.maketrans("–—", "--")
        return (got or "").translate(dashes).casefold().split() == (
            (want or "").translate(dashes).casefold().split()
        )
    if isinstance(want, list) and isinstance(got, list):
        return {_norm(v) for v in got} == {_norm(v) for v in want}
    return got == want


def documents(corpus):
    """(name, pdf, expected) of a corpus folder in either layout."""
    if (corpus / "pdf").is_dir():
        for pdf in sorted((corpus / "pdf").glob("*.pdf")):
            expected = corpus / "expected" / f"{pdf.stem}.json"
            if expected.exists():
                yield pdf.stem, pdf, json.loads(expected.read_text(encoding="utf-8"))
        return
    for folder in sorted(p for p in corpus.iterdir() if (p / "truth.json").exists()):
        pdf = folder / "document.pdf"
        if pdf.exists():
            yield folder.name, pdf, json.loads((folder / "truth.json").read_text(encoding="utf-8"))


def measure(corpus, verbose=False):
    from kooperation.pdfimport import extract
    from kooperation.pdfimport import ExtractionError

    counts = {}
    failed = []
    docs = complete = with_parties = 0
    scanned = {"documents": 0, "right": 0, "fields": 0, "valued": 0, "valued_right": 0}
    for name, pdf, expected in documents(corpus):
        docs += 1
        try:
            result = extract(pdf)
        except ExtractionError as error:
            failed.append((name, error.message))
            result = {}
        ocr = bool(result.get("ocr_pages"))
        scanned["documents"] += ocr
        for field, want in expected.items():
            got = result.get(field)
            row = counts.setdefault(field, dict.fromkeys(("right", "wrong", "missing", "fp"), 0))
            scanned["fields"] += ocr
            scanned["valued"] += want is not None
            if same(field, got, want) or (want is None and got in (None, [], "")):
                row["right"] += 1
                scanned["right"] += ocr
                scanned["valued_right"] += want is not None
                continue
            outcome = "fp" if want is None else "missing" if got in (None, [], "") else "wrong"
            row[outcome] += 1
            if verbose:
                print(
                    f"  {name}: {field} [{outcome}]: got {json.dumps(got, ensure_ascii=False)}, "
                    f"want {json.dumps(want, ensure_ascii=False)}"
                )
        if expected.get("parties"):
            with_parties += 1
            got = {_norm(v) for v in result.get("parties") or []}
            if {_norm(v) for v in expected["parties"]} <= got:
                complete += 1
    return counts, docs, failed, complete, with_parties, scanned


def report(label, counts, docs, failed, complete, with_parties, scanned):
    print(f"\n== {label}: {docs} documents, unreadable: {len(failed)}")
    print(f"{'field':<26} {'right':>7} {'wrong':>6} {'missing':>8} {'false+':>7} {'accuracy':>9}")
    totals = dict.fromkeys(("right", "wrong", "missing", "fp"), 0)
    nulls = 0
    for field, row in counts.items():
        n = sum(row.values())
        for key in totals:
            totals[key] += row[key]
        print(
            f"{field:<26} {row['right']:>3}/{n:<3} {row['wrong']:>6} {row['missing']:>8} "
            f"{row['fp']:>7} {row['right'] / n:>9.0%}"
        )
    n = sum(totals.values())
    print(
        f"{'all fields':<26} {totals['right']:>3}/{n:<3} {totals['wrong']:>6} "
        f"{totals['missing']:>8} {totals['fp']:>7} {totals['right'] / n:>9.1%}"
    )
    print(
        f"fields with a value in the truth: right {scanned['valued_right']}/{scanned['valued']}"
        f" = {scanned['valued_right'] / max(1, scanned['valued']):.1%}"
    )
    nulls = totals["fp"]  # false positives over all field values
    print(f"false positives: {nulls}/{n} = {nulls / n:.1%} of all field values")
    if with_parties:
        print(
            f"party lists complete: {complete}/{with_parties} = {complete / with_parties:.0%} "
            "of the documents that name parties"
        )
    if scanned["documents"]:
        print(
            f"scanned documents (read by OCR): {scanned['documents']}, fields right "
            f"{scanned['right']}/{scanned['fields']} = {scanned['right'] / scanned['fields']:.1%}"
        )
    for name, message in failed:
        print(f"  {name}: {message}")


def main(argv=None):
    from kooperation.pdfimport.sandbox import shutdown

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="both", help="authored, real, both or a folder")
    parser.add_argument("--verbose", "-v", action="store_true", help="show each field not right")
    args = parser.parse_args(argv)
    if args.corpus == "both":
        chosen = list(CORPORA.items())
    elif args.corpus in CORPORA:
        chosen = [(args.corpus, CORPORA[args.corpus])]
    else:
        chosen = [(args.corpus, Path(args.corpus))]
    try:
        for label, folder in chosen:
            measured = measure(folder, args.verbose)
            if not measured[1]:
                print(f"no documents in {folder}", file=sys.stderr)
                return 2
            report(label, *measured)
    finally:
        shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
