"""Issue 17: public minutes name the responsible partner, also for anonymous readers."""

from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from AccessControl.SpecialUsers import nobody
from io import BytesIO
from pdfminer.high_level import extract_text
from plone import api


def test_anonymous_minutes_pdf_names_the_partner(table):
    meeting = table["meeting"]
    partner_a = table["partners"]["a"]
    with api.env.adopt_user(username="coordinator"):
        minutes = api.content.create(
            container=meeting,
            type="Minutes",
            id="p1",
            title="Protokoll Sitzung 1",
            decisions=["Der Flyer wird gedruckt."],
            action_items=[{"what": "Druck beauftragen", "partner": partner_a.UID()}],
        )
        api.content.transition(obj=minutes, transition="circulate")
        api.content.transition(obj=minutes, transition="approve")
        api.content.transition(obj=minutes, transition="publish_public")
    assert api.content.get_state(partner_a) != "published"  # the partner's page stays internal
    saved = getSecurityManager()
    newSecurityManager(None, nobody)
    try:
        data = minutes.restrictedTraverse("@@minutes-pdf")()
        page = minutes.restrictedTraverse("@@view")()
    finally:
        setSecurityManager(saved)
    text = " ".join(extract_text(BytesIO(data)).split())
    assert "Druck beauftragen" in text
    assert "Partner A" in text  # before: an empty "Wer" column
    assert "Partner A" in page
