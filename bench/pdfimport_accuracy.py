"""Per-field accuracy of the PDF import's extraction over a corpus of agreement PDFs.

    .venv/bin/python bench/pdfimport_accuracy.py                   # the test corpus
    .venv/bin/python bench/pdfimport_accuracy.py --corpus DIR      # DIR/pdf/*.pdf, DIR/expected/*.json

Each PDF runs through the real path (sandboxed child, limits, OCR). A field is right when
it equals the expected value (titles case- and space-insensitive, lists as sets); a
field expected null is right only when the extractor gave null: no guess counts.
"""

from pathlib import Path

import argparse
import json
import sys


REPO = Path(__file__).resolve().parent.parent
DEFAULT = REPO / "tests" / "pdfimport" / "corpus"


def same(field, got, want):
    if field == "title":
        return (got or "").casefold().split() == (want or "").casefold().split()
    if isinstance(want, list) and isinstance(got, list):
        return {" ".join(v.split()) for v in got} == {" ".join(v.split()) for v in want}
    return got == want


def main(argv=None):
    from kooperation.pdfimport import extract
    from kooperation.pdfimport import ExtractionError
    from kooperation.pdfimport.sandbox import shutdown

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--verbose", "-v", action="store_true", help="show each wrong field")
    args = parser.parse_args(argv)
    pdfs = sorted((args.corpus / "pdf").glob("*.pdf"))
    if not pdfs:
        print(f"no PDFs in {args.corpus / 'pdf'}", file=sys.stderr)
        return 2
    right, total, failed = {}, {}, []
    for pdf in pdfs:
        expected_path = args.corpus / "expected" / f"{pdf.stem}.json"
        if not expected_path.exists():
            continue
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        try:
            result = extract(pdf)
        except ExtractionError as error:
            failed.append((pdf.name, error.message))
            result = {}
        for field, want in expected.items():
            total[field] = total.get(field, 0) + 1
            if same(field, result.get(field), want):
                right[field] = right.get(field, 0) + 1
            elif args.verbose:
                got = json.dumps(result.get(field), ensure_ascii=False)
                print(
                    f"  {pdf.stem}: {field}: got {got}, want {json.dumps(want, ensure_ascii=False)}"
                )
    shutdown()
    print(f"{'field':<26} {'right':>7} {'accuracy':>9}")
    for field in total:
        share = right.get(field, 0) / total[field]
        print(f"{field:<26} {right.get(field, 0):>3}/{total[field]:<3} {share:>9.0%}")
    all_right, all_total = sum(right.values()), sum(total.values())
    print(f"{'all fields':<26} {all_right:>3}/{all_total:<3} {all_right / all_total:>9.0%}")
    print(f"documents: {len(pdfs)}, unreadable: {len(failed)}")
    for name, message in failed:
        print(f"  {name}: {message}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
