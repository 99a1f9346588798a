"""Print-ready PDFs of agreements and amendments for wet-ink signing (reportlab, no Zope)."""
