"""``kooperation-extract FILE.pdf``: the extraction as JSON on stdout.

Exit 0 on success; exit 2 with one line on stderr when the file cannot be read.
"""

from kooperation.pdfimport import extract
from kooperation.pdfimport import ExtractionError
from kooperation.pdfimport import Limits
from kooperation.pdfimport import public

import argparse
import json
import sys


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="kooperation-extract",
        description="Extract text, sections and validity rules from an agreement PDF as JSON.",
    )
    parser.add_argument("file", help="the PDF file")
    parser.add_argument("--text", action="store_true", help="include the full text")
    parser.add_argument("--max-pages", type=int, help="page limit (default 300)")
    parser.add_argument("--max-seconds", type=float, help="time limit (default 60)")
    parser.add_argument("--max-memory-mb", type=int, help="memory limit (default 1024)")
    parser.add_argument("--max-file-mb", type=float, help="file size limit (default 25)")
    parser.add_argument("--no-ocr", action="store_true", help="do not OCR scanned pages")
    args = parser.parse_args(argv)
    limits = Limits.from_env(
        pages=args.max_pages,
        seconds=args.max_seconds,
        memory_mb=args.max_memory_mb,
        file_mb=args.max_file_mb,
        ocr=False if args.no_ocr else None,
    )
    try:
        result = extract(args.file, limits)
    except ExtractionError as error:
        print(f"kooperation-extract: {args.file}: {error.message}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"kooperation-extract: {args.file}: {error.strerror}", file=sys.stderr)
        return 2
    output = public(result)
    if args.text:
        output["text"] = result["text"]
    json.dump(output, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
