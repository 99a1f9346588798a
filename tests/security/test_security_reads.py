"""Reads that answered 5xx (issue 14, "no 5xx from input"), over HTTP: 400 for bad input,
401/403 without the right, 200 for the right user, and no template internals."""

from world import objects
from world import PASSWORD

import json
import pytest
import requests


pytestmark = pytest.mark.slow

JSON = {"Accept": "application/json", "Accept-Language": "de"}
HTML = {"Accept": "text/html", "Accept-Language": "de"}
CATALOG = "plone.app.vocabularies.Catalog"
CONTAINS = "plone.app.querystring.operation.string.contains"


@pytest.fixture
def functional(world_functional):
    """The functional layer over the world (world.py), built once instead of by each test."""
    return world_functional


def _path(obj):
    return "/".join(obj.getPhysicalPath()[2:])


@pytest.fixture
def world(functional):
    objs = objects(functional["portal"])
    base = f"http://{functional['host']}:{functional['port']}/plone"

    def get(path, user=None, headers=JSON, **params):
        return requests.get(
            f"{base}/{path}" if path else base,
            params=params,
            headers=headers,
            auth=(user, PASSWORD) if user else None,
            allow_redirects=False,
            timeout=120,
        )

    return objs, get, functional["portal"]


class TestRegistrationForm:
    """collective.easyform asked for its permission by id (a 500 for everybody but Manager)."""

    def test_staff_reads_the_event_and_the_form_without_saved_input(self, world):
        objs, get, _portal = world
        workshop = _path(objs["workshop_registration_open"])
        response = get(workshop, "staff_a", fullobjects="1")
        assert response.status_code == 200, response.text
        form = get(f"{workshop}/anmeldung", "staff_a")
        assert form.status_code == 200, form.text
        assert "savedDataStorage" not in form.json()

    def test_coordinator_reads_the_form(self, world):
        objs, get, _portal = world
        workshop = _path(objs["workshop_registration_open"])
        assert get(f"{workshop}/anmeldung", "coordinator").status_code == 200
        assert get(f"{workshop}/anmeldung", "staff_a", HTML).status_code == 200

    def test_only_coordinators_download_saved_input(self, world):
        _objs, _get, portal = world
        roles = {
            role["name"]
            for role in portal.rolesOfPermission("collective.easyform: Download Saved Input")
            if role["selected"]
        }
        assert roles == {"Manager", "Site Administrator", "Coordinator"}


# Every product type of the world; none of them is versioned except the agreement.
SAMPLES = (
    "agreement_draft",
    "amendment_draft",
    "network",
    "partner",
    "person",
    "area",
    "case_note",
    "series",
    "meeting",
    "minutes_draft",
    "workshop_planned",
    "conference_idea",
    "registration_pending",
    "report_draft",
    "project",
    "measure",
)


class TestHistory:
    def test_history_of_every_type(self, world):
        objs, get, _portal = world
        failures = []
        for sample in SAMPLES:
            for user in ("manager", "coordinator"):
                response = get(f"{_path(objs[sample])}/@@history", user, HTML)
                if response.status_code >= 500:
                    failures.append(f"{response.status_code} {sample} {user}")
        assert failures == []

    def test_history_without_versions_says_so(self, world):
        objs, get, _portal = world
        response = get(f"{_path(objs['meeting'])}/@@history", "coordinator", HTML)
        assert response.status_code == 200
        assert "content-core" in response.text

    @pytest.mark.parametrize("version", ["7", "x", "-1"])
    def test_unknown_version_is_a_bad_request(self, world, version):
        objs, get, _portal = world
        for sample in ("meeting", "agreement_draft"):
            response = get(f"{_path(objs[sample])}/@@history", "coordinator", HTML, one=version)
            assert response.status_code == 400, sample

    def test_staff_may_not_see_the_history(self, world):
        objs, get, _portal = world
        response = get(f"{_path(objs['meeting'])}/@@history", "staff_a", JSON)
        assert response.status_code in (401, 403)


class TestVocabulary:
    """plone.app.content's @@getVocabulary with a catalog query."""

    def lookup(self, get, user, **params):
        return get("@@getVocabulary", user, JSON, name=CATALOG, **params)

    @pytest.mark.parametrize(
        ("param", "value"),
        [
            ("query", json.dumps({"criteria": [{"i": "SearchableText", "o": "x", "v": "a"}]})),
            ("query", json.dumps({"criteria": [{"i": "nix", "o": CONTAINS, "v": "a"}]})),
            ("query", json.dumps({"criteria": [{"i": "SearchableText", "o": CONTAINS, "v": {}}]})),
            ("query", json.dumps({"criteria": "x"})),
            ("query", json.dumps({"nothing": 1})),
            ("query", json.dumps([1])),
            ("query", "{not json}"),
            ("query", "Sitzung"),
            ("batch", json.dumps({"page": 1, "size": 900})),
            ("batch", json.dumps({"page": "x", "size": 10})),
            ("batch", "[1]"),
            ("attributes", json.dumps([{}])),
        ],
    )
    def test_bad_parameters_are_bad_requests(self, world, param, value):
        _objs, get, _portal = world
        for user in ("staff_a", "manager"):
            response = self.lookup(get, user, **{param: value})
            assert response.status_code == 400, (user, response.text)
            assert f"Der Parameter „{param}“" in response.json()["message"]

    def test_a_good_query_finds(self, world):
        _objs, get, _portal = world
        query = json.dumps({"criteria": [{"i": "SearchableText", "o": CONTAINS, "v": "Sitzung"}]})
        response = self.lookup(get, "coordinator", query=query)
        assert response.status_code == 200, response.text
        assert "Sitzung" in [item["text"] for item in response.json()["results"]]
        paged = self.lookup(
            get,
            "coordinator",
            query=query,
            attributes=json.dumps(["UID", "Title"]),
            batch=json.dumps({"page": 1, "size": 1}),
        )
        assert paged.status_code == 200, paged.text
        assert len(paged.json()["results"]) == 1


class TestRegistrationsBatch:
    @pytest.mark.parametrize(
        ("param", "value", "message"),
        [
            ("b_size", "-1", "b_size ist eine ganze Zahl von 1 bis 200."),
            ("b_size", "0", "b_size ist eine ganze Zahl von 1 bis 200."),
            ("b_size", "201", "b_size ist eine ganze Zahl von 1 bis 200."),
            ("b_size", "x", "b_size ist eine ganze Zahl von 1 bis 200."),
            ("b_start", "-1", "b_start ist eine ganze Zahl ab 0."),
            ("b_start", "x", "b_start ist eine ganze Zahl ab 0."),
        ],
    )
    def test_bad_batch_is_a_bad_request(self, world, param, value, message):
        objs, get, _portal = world
        path = f"{_path(objs['workshop_registration_open'])}/@registrations"
        response = get(path, "coordinator", **{param: value})
        assert response.status_code == 400, response.text
        assert response.json()["message"] == message

    def test_batches_up_to_the_maximum(self, world):
        objs, get, _portal = world
        path = f"{_path(objs['workshop_registration_open'])}/@registrations"
        response = get(path, "coordinator", b_size="1", b_start="1")
        assert response.status_code == 200, response.text
        assert len(response.json()["items"]) == 1
        assert get(path, "coordinator", b_size="200").status_code == 200
        assert get(path, "staff_a", b_size="-1").status_code in (400, 403)


class TestMeetingCalendar:
    @pytest.mark.parametrize("sample", ["meeting", "workshop_registration_open"])
    def test_ics_of_an_untouched_event(self, world, sample):
        objs, get, _portal = world
        response = get(f"{_path(objs[sample])}/@@ics_view", "coordinator", HTML)
        assert response.status_code == 200, response.text[:2000]
        assert "BEGIN:VCALENDAR" in response.text
        assert "DTSTART;TZID=Europe/Berlin:" in response.text


class TestVersionsHistoryForm:
    """A visitor who may see the object but not its versions: 401, no template internals."""

    @pytest.mark.parametrize("path", ["", "net", "net/rt/m2", "net/ak"])
    def test_anonymous_json_gets_401_without_internals(self, world, path):
        _objs, get, _portal = world
        response = get(f"{path}/@@versions_history_form" if path else "@@versions_history_form")
        assert response.status_code == 401
        body = response.text
        for internal in ("Expression", "Filename", ".pt", "getHistoryMetadata", "Traceback"):
            assert internal not in body

    def test_every_type_anonymous(self, world):
        objs, get, _portal = world
        for sample in SAMPLES:
            response = get(f"{_path(objs[sample])}/@@versions_history_form")
            assert response.status_code == 401, sample
            assert "Expression" not in response.text

    def test_coordinator_sees_the_form(self, world):
        _objs, get, _portal = world
        response = get("net/rt/m2/@@versions_history_form", "coordinator", HTML)
        assert response.status_code == 200
