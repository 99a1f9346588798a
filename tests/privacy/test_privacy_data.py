"""Export and deletion of a user's personal data (integration)."""

from kooperation import audit
from kooperation.agreements.signatures import signatures
from kooperation.privacy import delete_personal_data
from kooperation.privacy import export_personal_data
from kooperation.privacy import find_user
from kooperation.privacy import personal_data
from plone import api

import json
import pytest


class TestExport:
    @pytest.fixture(autouse=True)
    def _setup(self, agreement):
        self.agreement = agreement
        self.data = personal_data(find_user("petra"))

    def test_account(self):
        user = self.data["user"]
        assert user["id"] == "petra"
        assert user["properties"]["email"] == "petra@example.org"
        assert user["properties"]["fullname"] == "Petra Demo"
        assert {"id": "readers", "title": "Leserinnen"} in user["groups"]

    def test_local_roles(self):
        assert {(item["path"], tuple(item["roles"])) for item in self.data["local_roles"]} >= {
            ("/plone/net", ("Reader",))
        }

    def test_persons_by_login_and_by_email(self):
        persons = {p["path"]: p for p in self.data["persons"]}
        assert set(persons) == {"/plone/net/a/petra", "/plone/net/b/contact"}
        assert persons["/plone/net/a/petra"]["phone"] == "0208 123"
        assert persons["/plone/net/b/contact"]["partner"] == "Partner B"

    def test_signatures_given_and_recorded(self):
        found = {s["signatory_name"]: s["as"] for s in self.data["signatures"]}
        assert found == {"Petra Demo": ["signatory", "recorded_by"], "Chef B": ["recorded_by"]}
        assert self.data["signatures"][0]["object"]["path"] == "/plone/net/agreement"

    def test_content_created(self):
        assert [c["path"] for c in self.data["content_created"]] == ["/plone/notes"]

    def test_audit_entries_about_her(self):
        actions = {entry["action"] for entry in self.data["audit"]}
        assert {"sign", "group_membership"} <= actions

    def test_is_json_and_logged(self):
        json.dumps(self.data)
        export_personal_data(find_user("petra"), via="test")
        entry = audit.query(size=1)[1][0]
        assert entry.action == "export_personal_data"
        assert entry.subject == "petra"
        assert entry.details["persons"] == 2
        assert entry.details["signatures"] == 2


class TestDeletion:
    @pytest.fixture(autouse=True)
    def _setup(self, agreement):
        self.agreement = agreement
        self.net = agreement.__parent__
        self.audit_before = audit.query(user="petra")[0]
        with api.env.adopt_roles(["Manager"]):
            self.summary = delete_personal_data(find_user("petra"))

    def test_account_groups_and_local_roles_are_gone(self):
        assert api.user.get(userid="petra") is None
        assert find_user("petra") is None
        assert "petra" not in api.group.get(groupname="readers").getGroupMemberIds()
        assert self.net.get_local_roles_for_userid("petra") == ()
        assert "readers" in self.summary["groups_removed"]
        assert "/plone/net" in self.summary["local_roles_removed"]

    def test_persons_are_blanked_but_keep_name_and_function(self):
        for person in (self.net["a"]["petra"], self.net["b"]["contact"]):
            assert (person.email, person.phone, person.user_id) == (None, None, None)
        assert self.net["a"]["petra"].Title() == "Petra Demo"
        assert self.net["a"]["petra"].position == "Geschäftsführung"
        assert len(self.summary["persons_blanked"]) == 2

    def test_signatures_keep_name_and_function(self):
        records = {r.signatory_name: r for r in signatures(self.agreement).values()}
        assert records["Petra Demo"].function == "Geschäftsführung"
        assert records["Chef B"].function == "Amtsleitung"
        assert records["Chef B"].recorded_by == "petra"
        assert self.summary["signatures_kept"] == 2

    def test_audit_keeps_its_entries_and_records_the_deletion(self):
        total, items = audit.query(user="petra")
        assert total > self.audit_before
        actions = [entry.action for entry in audit.entries(user="petra")]
        assert actions[0] == "delete_personal_data"
        assert "group_membership" in actions
        assert "sign" in actions
        deletion = items[0]
        assert deletion.details["signatures_kept"] == 2
        assert deletion.details["content_created_kept"] == 1

    def test_content_stays(self):
        assert api.content.get(path="/notes").Creator() == "petra"


class TestExportOfCommentsAndRegistrations:
    """Issue 17: comments and registrations are exported with their content, not by path."""

    @pytest.fixture(autouse=True)
    def _setup(self, agreement, portal):
        from datetime import datetime
        from kooperation.registrations.ledger import submit
        from plone.app.discussion.interfaces import IConversation
        from zope.component import createObject

        import pytz

        start = pytz.timezone("Europe/Berlin").localize(datetime(2027, 3, 10, 9, 0))
        with api.env.adopt_roles(["Manager"]):
            workshop = api.content.create(
                container=portal["net"],
                type="Workshop",
                id="workshop",
                title="Jahresfortbildung 2027",
                start=start,
                end=start.replace(hour=16),
                capacity=10,
                waiting_list=0,
                retention_days=30,
            )
            api.content.transition(obj=workshop, transition="open_registration")
        # clerk registers Petra under her e-mail: not created by her, still her data
        with api.env.adopt_user(username="clerk"):
            submit(
                workshop,
                {"fullname": "Petra Demo", "email": "petra@example.org", "consent": True},
            )
        comment = createObject("plone.Comment")
        comment.text = "Bitte die Frist im Protokoll nachtragen."
        comment.creator = comment.author_username = "petra"
        comment.author_name = "Petra Demo"
        IConversation(portal["notes"]).addComment(comment)
        self.data = personal_data(find_user("petra"))

    def test_registration_with_its_fields(self):
        (registration,) = self.data["registrations"]
        content = registration["content"]
        assert content["fullname"] == "Petra Demo"
        assert content["email"] == "petra@example.org"
        assert content["event"]["title"] == "Jahresfortbildung 2027"
        assert content["review_state"]

    def test_comment_with_its_text_and_page(self):
        comments = [
            c for c in self.data["content_created"] if c["portal_type"] == "Discussion Item"
        ]
        assert len(comments) == 1
        content = comments[0]["content"]
        assert content["text"] == "Bitte die Frist im Protokoll nachtragen."
        assert content["on"]["path"] == "/plone/notes"
        json.dumps(self.data)
