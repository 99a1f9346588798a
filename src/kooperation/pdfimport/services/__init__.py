"""The REST services of pdfimport: one package per endpoint, its permission in ZCML."""
