"""POST <network>/@import-agreement: a draft Agreement from a PDF."""
