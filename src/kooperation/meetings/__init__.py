"""Round tables: series, meetings, invitations, minutes and their corrections.

``rotation`` is the pure core (who takes which duty when; no Zope); ``series`` its Zope
side (the plan of a stored series, duty holders, the minute-taker's role); the rest are
the content types, views, mails, PDFs and REST services.
"""
