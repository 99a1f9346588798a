"""The PDF import in Classic UI: views, full-text indexer, bulk command.

The importer itself (portal side, no view) is ``kooperation.pdfimport.portal``.
"""
