"""GET <amendment>/@redline (issue 17): the redline as runs per section, for clients."""

from amendments_helpers import add_amendment
from amendments_helpers import to_signature
from amendments_scenario import SECOND
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from kooperation.amendments.redline import section_diff
from plone import api

import json
import pytest


def _get(obj):
    request = obj.REQUEST
    request.response.setStatus(200)
    service = api.content.get_view(
        name="GET_application_json_@redline", context=obj, request=request
    )
    return json.loads(json.dumps(service.reply()))


def _old(block):
    return "".join(run["text"] for run in block["runs"] if run["op"] != "insert")


def _new(block):
    return "".join(run["text"] for run in block["runs"] if run["op"] != "delete")


@pytest.fixture
def amendment(agreement, network):
    return to_signature(
        add_amendment(
            agreement,
            id="aenderung-2",
            title="2. Änderung",
            changes=[c.to_json() for c in SECOND.changes],
        )
    )


def test_runs_per_section_say_what_was_deleted_and_inserted(amendment):
    data = _get(amendment)
    assert data["@id"].endswith("/@redline")
    sections = {section["key"]: section for section in data["sections"]}
    blocks = sections["VII"]["blocks"]
    changed = [block for block in blocks if block["status"] == "changed"]
    assert changed
    deleted = " ".join(r["text"] for b in changed for r in b["runs"] if r["op"] == "delete")
    inserted = " ".join(r["text"] for b in changed for r in b["runs"] if r["op"] == "insert")
    assert "halbes Jahr" in deleted
    assert "drei Monate" in inserted
    assert 'data-key="VII"' in data["html"]


paragraph = st.lists(
    st.sampled_from(["die", "Stadt", "Oberhausen", "Frist", "drei", "Monate", "31.03.2016", ","]),
    min_size=1,
    max_size=12,
).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(old=st.lists(paragraph, min_size=1, max_size=4), new=st.lists(paragraph, max_size=4))
def test_runs_give_back_the_old_and_the_new_text(old, new):
    old_html = "<h2>§ 1 Ziel</h2>" + "".join(f"<p>{p}</p>" for p in old)
    new_html = "<h2>§ 1 Ziel</h2>" + "".join(f"<p>{p}</p>" for p in new)
    diff = section_diff("§ 1", old_html, new_html)
    if diff is None:
        assert old == new
        return
    blocks = [b for b in diff.as_json()["blocks"] if b["tag"] == "p"]
    assert [_old(b) for b in blocks if b["status"] != "added"] == old
    assert [_new(b) for b in blocks if b["status"] != "removed"] == new
