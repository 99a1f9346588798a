"""Content whose title never leaves it: case notes name clients ("Fall Max M.").

Audit log, personal-data reports, sharing pages and the catalog show this title instead
(issue 14); the case note itself shows its own title to the partners' staff.
"""

CONFIDENTIAL_TYPES = ("CaseNote",)
CONFIDENTIAL_TITLE = "Fallbesprechung (vertraulich)"


def listed_title(portal_type, title):
    """The title to show of an object outside itself: case notes never show theirs."""
    return CONFIDENTIAL_TITLE if portal_type in CONFIDENTIAL_TYPES else title
