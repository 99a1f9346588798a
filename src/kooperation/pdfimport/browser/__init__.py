"""The PDF import in Classic UI: views and the full-text indexer.

The importer itself (portal side, no view) is ``kooperation.pdfimport.portal``.
"""
