"""Agreements on the Zope side: signatures, deadlines of stored agreements, status."""
