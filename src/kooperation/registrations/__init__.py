"""Registrations: the annual workshop and the youth conference, who registers, who gets a
seat, who waits.

``rules`` and ``export`` are the pure core (no Zope); the rest is the Zope side: the event
types and their registrations (``content``), the seat ledger (``ledger``), the easyform
action, the mails, the views and the REST services (``services``).
"""
