"""The Plone side of the PDF import: importer, views, full-text indexer, bulk command."""
