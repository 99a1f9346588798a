"""The product's z3c.form forms keep plone.protect's CSRF check (issue 16, hostile forms):
a POST of the workshop's edit form without the authenticator token saves nothing and is no
5xx; with the token (as the form carries it) the same change is saved. Over HTTP against
the demo's acceptance layer."""

from kooperation.workspace import group_ids
from lxml import html as lxml_html
from plone import api

import pytest
import requests
import transaction


pytestmark = pytest.mark.slow

USER, PASSWORD = "koordination-csrf", "Koord-0815-secret"


@pytest.fixture
def edit_url(acceptance):
    portal = acceptance["portal"]
    with api.env.adopt_roles(["Manager"]):
        api.user.create(username=USER, password=PASSWORD, email="csrf@example.org")
        api.group.add_user(groupname=group_ids(portal["oberhausen"])["coordinators"], username=USER)
    transaction.commit()
    base = f"http://{acceptance['host']}:{acceptance['port']}/plone"
    return portal, f"{base}/oberhausen/fortbildung-2027/@@edit"


def _form_fields(html):
    """The edit form's values as a browser would post them."""
    doc = lxml_html.fromstring(html)
    form = next(f for f in doc.forms if f.get("id") == "form")
    return list(form.form_values())


def test_edit_form_without_token_saves_nothing(edit_url):
    portal, url = edit_url
    html = requests.get(url, auth=(USER, PASSWORD), timeout=60).text
    shown = _form_fields(html)
    token = dict(shown)["_authenticator"]
    fields = [
        (name, "25" if name == "form.widgets.capacity" else value)
        for name, value in shown
        if name != "_authenticator"
    ]
    fields.append(("form.buttons.save", "Speichern"))
    response = requests.post(url, data=fields, auth=(USER, PASSWORD), timeout=60)
    assert response.status_code < 500
    transaction.begin()
    assert portal["oberhausen"]["fortbildung-2027"].capacity == 30

    fields.append(("_authenticator", token))
    response = requests.post(url, data=fields, auth=(USER, PASSWORD), timeout=60)
    assert response.status_code < 400, response.text[:500]
    transaction.begin()
    assert portal["oberhausen"]["fortbildung-2027"].capacity == 25
