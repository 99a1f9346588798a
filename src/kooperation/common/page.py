"""The page around a view."""


def full_width(request):
    """No portlet columns beside the view: its table of many columns (registrations, audit
    log) gets the page's width instead of a third of it, and needs no sideways scrolling
    on a laptop. Plone's layout reads these request flags (``have_portlets``)."""
    request.set("disable_plone.leftcolumn", 1)
    request.set("disable_plone.rightcolumn", 1)
