"""Sections of an agreement's text, changes to them, and the text in force on a day."""

from amendments_scenario import FIRST
from amendments_scenario import M3
from amendments_scenario import M6
from amendments_scenario import ORIGINAL
from amendments_scenario import SECOND
from amendments_scenario import SEED
from amendments_scenario import SIGNED
from amendments_scenario import Y1
from datetime import date
from kooperation.amendments.texts import Amendment
from kooperation.amendments.texts import AmendmentError
from kooperation.amendments.texts import apply_changes
from kooperation.amendments.texts import apply_fields
from kooperation.amendments.texts import base_version
from kooperation.amendments.texts import block_range
from kooperation.amendments.texts import consolidate
from kooperation.amendments.texts import describe_amendment
from kooperation.amendments.texts import join_sections
from kooperation.amendments.texts import MESSAGES
from kooperation.amendments.texts import Original
from kooperation.amendments.texts import section_label
from kooperation.amendments.texts import section_map
from kooperation.amendments.texts import SectionChange
from kooperation.amendments.texts import signing_parties
from kooperation.amendments.texts import split_sections
from kooperation.amendments.texts import versions
from kooperation.deadlines import compute
from kooperation.deadlines import Period

import pytest


class TestSections:
    def test_the_seed_text(self):
        keys = [section.key for section in split_sections(SEED)]
        assert keys == [
            "preamble",
            "I",
            "II",
            "III",
            "III.1",
            "III.ziele",
            "III.arbeitsinhalte",
            "III.koordinierung",
            "III.turnus",
            "III.2",
            "III.3",
            "IV",
            "V",
            "VI",
            "VII",
        ]
        sections = section_map(SEED)
        assert "zwischen" in sections["preamble"].text
        assert sections["preamble"].heading == ""
        assert sections["VII"].heading == "VII. Gültigkeit der Vereinbarung"
        assert sections["III.ziele"].text.splitlines() == [
            "Ziele:",
            "- Gegenseitige Information, Intensivierung, Gestaltung und Koordination der "
            "Zusammenarbeit in Sach- und Fallangelegenheiten,",
            "- Herstellung des gegenseitigen Einverständnisses und",
            "- Entwicklung eines abgestimmten Vorgehens bei der Integration junger Menschen "
            "und Erwachsenen in die Arbeitswelt und im Prozess ihrer sozialen "
            "Verselbständigung.",
        ]

    def test_a_block_holds_its_subsections(self):
        sections = split_sections(SEED)
        start, end = block_range(sections, "III")
        assert [s.key for s in sections[start:end]][-1] == "III.3"
        assert sections[end].key == "IV"
        assert block_range(sections, "III.ziele")[1] - block_range(sections, "III.ziele")[0] == 1

    def test_joining_and_splitting_again_keeps_keys_and_text(self):
        sections = split_sections(SEED)
        again = split_sections(join_sections(sections))
        assert [(s.key, s.text) for s in again] == [(s.key, s.text) for s in sections]

    @pytest.mark.parametrize(
        ("heading", "label", "kind"),
        [
            ("§ 3 Laufzeit", "§ 3", "paragraph"),
            ("§3a Kündigung", "§ 3a", "paragraph"),
            ("Art. 2 Ziele", "Art. 2", "article"),
            ("Artikel 12 Schlussbestimmungen", "Art. 12", "article"),
            ("II. Zielsetzungen", "II", "roman"),
            ("XIV) Inkrafttreten", "XIV", "roman"),
            ("1. Zusammenarbeit", "1", "number"),
            ("2.3 Turnus", "2.3", "number"),
            ("A. Allgemeines", "A", "letter"),
            ("Präambel", "praeambel", "slug"),
            ("Ziele:", "ziele", "slug"),
            ("Größe & Maß", "groesse-mass", "slug"),
            ("20.05.2015 Fassung", "20-05-2015-fassung", "slug"),
        ],
    )
    def test_labels(self, heading, label, kind):
        assert section_label(heading) == (label, kind)

    def test_paragraphs_that_read_as_headings(self):
        html = (
            "<div><p>§ 1 Gegenstand</p><p>Die Parteien arbeiten zusammen.</p>"
            "<p><strong>§ 2 Laufzeit</strong></p>"
            "<p>1. Die Vereinbarung tritt mit der Unterzeichnung in Kraft.</p>"
            "<p><b>Schlussbestimmungen</b></p><p><b>Nur ein fetter Satz.</b></p></div>"
        )
        sections = split_sections(html)
        assert [s.key for s in sections] == ["§ 1", "§ 2", "§ 2.schlussbestimmungen"]
        assert "1. Die Vereinbarung" in sections[1].text
        assert "Nur ein fetter Satz." in sections[2].text

    def test_with_real_headings_paragraphs_are_no_headings(self):
        html = "<p>zwischen</p><p>1. Jobcenter Oberhausen</p><h2>§ 1 Zweck</h2><p><b>Ziele</b></p>"
        sections = split_sections(html)
        assert [s.key for s in sections] == ["preamble", "§ 1"]
        assert sections[1].text == "§ 1 Zweck\nZiele"

    def test_same_heading_twice_gets_a_numbered_key(self):
        html = "<h2>1. Eins</h2><h3>Ziele</h3><p>a</p><h3>Ziele</h3><p>b</p><h2>2. Zwei</h2>"
        assert [s.key for s in split_sections(html)] == ["1", "1.ziele", "1.ziele-2", "2"]

    def test_nested_numbers_are_not_doubled(self):
        html = "<h2>1. Eins</h2><h3>1.1 Teil</h3><h4>1.1.1 Detail</h4><h2>2. Zwei</h2>"
        assert [s.key for s in split_sections(html)] == ["1", "1.1", "1.1.1", "2"]

    def test_loose_text_is_escaped(self):
        sections = split_sections("Vorwort <b>fett</b> & <h2>§ 1 A</h2>Rest <i>x</i>")
        assert sections[0].html == "Vorwort\n<b>fett</b>\n&amp;"
        assert sections[1].body_html == "Rest\n<i>x</i>"

    def test_empty_text_has_no_sections(self):
        assert split_sections("") == ()
        assert split_sections(None) == ()


class TestChanges:
    def test_replace_without_heading_keeps_the_heading(self):
        html = apply_changes(SEED, [SectionChange("replace", "V", "<p>Es gilt die DSGVO.</p>")])
        sections = section_map(html)
        assert sections["V"].text == "V. Datenschutz\nEs gilt die DSGVO."
        assert sections["VI"].text == section_map(SEED)["VI"].text

    def test_replace_a_block_replaces_its_subsections(self):
        html = apply_changes(SEED, [{"operation": "replace", "key": "III", "html": "<p>Neu.</p>"}])
        assert [s.key for s in split_sections(html)][3:5] == ["III", "IV"]
        assert section_map(html)["III"].text == "III. Kooperationsebenen\nNeu."

    def test_insert_before_the_first_heading_and_delete(self):
        html = apply_changes(
            SEED,
            [
                SectionChange("insert_after", None, "<h2>Vorbemerkung</h2><p>Vorab.</p>"),
                SectionChange("delete", "III.koordinierung"),
            ],
        )
        keys = [s.key for s in split_sections(html)]
        assert keys[:3] == ["preamble", "vorbemerkung", "I"]
        assert "III.koordinierung" not in keys
        assert "III.turnus" in keys

    def test_replace_all(self):
        html = apply_changes(SEED, [SectionChange("replace_all", html="<h2>§ 1 Alles neu</h2>")])
        assert [s.key for s in split_sections(html)] == ["§ 1"]

    def test_changes_apply_one_after_the_other(self):
        html = apply_changes(
            SEED,
            [
                SectionChange("insert_after", "VII", "<h2>VIII. Beitritt</h2><p>a</p>"),
                SectionChange("replace", "VIII", "<p>b</p>"),
            ],
        )
        assert section_map(html)["VIII"].text == "VIII. Beitritt\nb"

    @pytest.mark.parametrize(
        ("change", "msgid"),
        [
            (SectionChange("replace", "IX", "<p>x</p>"), "error_section_unknown"),
            (SectionChange("delete", "§ 9"), "error_section_unknown"),
            (
                SectionChange("insert_after", "VI", "<h2>VII. Noch einmal</h2>"),
                "error_section_duplicate",
            ),
        ],
    )
    def test_bad_changes(self, change, msgid):
        with pytest.raises(AmendmentError) as info:
            apply_changes(SEED, [change])
        assert info.value.msgid == msgid
        assert info.value.field == "changes"
        assert str(info.value) == info.value.args[0]
        assert "${" not in str(info.value)

    def test_a_duplicate_that_was_there_before_is_no_error(self):
        html = "<h2>1. A</h2><h2>1. A</h2>"
        assert apply_changes(html, [SectionChange("replace", "1-2", "<p>x</p>")]).count("1. A") == 2

    @pytest.mark.parametrize(
        ("data", "msgid"),
        [
            ({"operation": "rewrite", "key": "I", "html": "x"}, "error_change_operation"),
            ({"operation": "replace", "html": "<p>x</p>"}, "error_change_key_missing"),
            ({"operation": "delete"}, "error_change_key_missing"),
            ({"operation": "replace", "key": "I", "html": " "}, "error_change_text_missing"),
            ({"operation": "replace_all"}, "error_change_text_missing"),
            ("replace I", "error_change_operation"),
        ],
    )
    def test_malformed_changes(self, data, msgid):
        with pytest.raises(AmendmentError) as info:
            SectionChange.from_json(data)
        assert info.value.msgid == msgid

    def test_json_round_trip(self):
        change = SectionChange("insert_after", "VII", "<p>x</p>")
        assert SectionChange.from_json(change.to_json()) == change


class TestFields:
    def test_a_party_joins_and_is_no_longer_intended(self):
        fields = apply_fields(ORIGINAL.fields, SECOND)
        assert fields.parties == ("jobcenter", "bfo", "zib", "stadt")
        assert fields.intended_parties == ()
        assert fields.rules.notice_period == M3
        assert fields.rules.renewal_term == Y1

    @pytest.mark.parametrize(
        ("changes", "msgid", "field"),
        [
            ({"parties_joining": ("bfo",)}, "error_party_is_party", "parties"),
            ({"parties_leaving": ("stadt",)}, "error_party_not_party", "parties"),
            (
                {"parties_joining": ("x",), "parties_leaving": ("x",)},
                "error_party_joins_and_leaves",
                "parties",
            ),
            ({"parties_leaving": ("bfo", "zib")}, "error_too_few_parties", "parties"),
            ({"rules": {"notice_days": 3}}, "error_rule_unknown", "rules"),
            (
                {"rules": {"notice_period": {"value": 2, "unit": "years"}}},
                "error_rules_invalid",
                "rules",
            ),
            (
                {"rules": {"notice_period": {"value": 0, "unit": "days"}}},
                "error_rule_value",
                "rules",
            ),
            (
                {"rules": {"notice_period": {"value": 3, "unit": "Monate"}}},
                "error_rule_value",
                "rules",
            ),
            ({"rules": {"end_date": "31.12.2030"}}, "error_rule_value", "rules"),
            ({"legal_bases_added": ("SGB I",)}, "error_item_listed", "legal_bases"),
            ({"target_groups_removed": ("Senioren",)}, "error_item_not_listed", "target_groups"),
        ],
    )
    def test_changes_that_do_not_fit(self, changes, msgid, field):
        with pytest.raises(AmendmentError) as info:
            apply_fields(ORIGINAL.fields, Amendment("a", "A", date(2016, 1, 1), **changes))
        assert (info.value.msgid, info.value.field) == (msgid, field)

    def test_invalid_rules_carry_the_engine_errors(self):
        amendment = Amendment(
            "a", "A", date(2016, 1, 1), rules={"notice_period": Period(2, "years")}
        )
        with pytest.raises(AmendmentError) as info:
            apply_fields(ORIGINAL.fields, amendment)
        assert [error.msgid for error in info.value.errors] == ["error_notice_longer_than_term"]
        assert "must be shorter than the term" in str(info.value)

    def test_fixed_end_date_from_json(self):
        amendment = Amendment(
            "a", "A", date(2016, 1, 1), rules={"renewal_term": None, "notice_period": None}
        )
        fields = apply_fields(ORIGINAL.fields, amendment)
        assert fields.rules.renewal_term is None
        assert fields.rules.initial_term == Y1


# The worked case of the issue: a three-party agreement amended twice; the second
# amendment shortens the notice period to three months and adds a fourth party.
IV_ORIGINAL = "durch eine regelmäßige und Ebenen übergreifende Qualitätssicherung"
IV_FIRST = "durch einen jährlichen gemeinsamen Bericht"
VII_ORIGINAL = "wenn sie nicht ein halbes Jahr vorher"
VII_SECOND = "wenn sie nicht drei Monate vorher"


@pytest.mark.parametrize(
    ("day", "iv", "vii", "parties", "notice", "applied", "stand", "notice_deadline"),
    [
        (
            "2015-05-20",
            IV_ORIGINAL,
            VII_ORIGINAL,
            3,
            M6,
            [],
            "Version of 20.05.2015.",
            "2015-11-19",
        ),
        (
            "2016-02-29",
            IV_ORIGINAL,
            VII_ORIGINAL,
            3,
            M6,
            [],
            "Version of 20.05.2015.",
            "2015-11-19",
        ),
        (
            "2016-03-01",
            IV_FIRST,
            VII_ORIGINAL,
            3,
            M6,
            ["aenderung-1"],
            "Version of 01.03.2016, last amended by 1. Änderung of 15.02.2016.",
            "2015-11-19",
        ),
        (
            "2016-12-31",
            IV_FIRST,
            VII_ORIGINAL,
            3,
            M6,
            ["aenderung-1"],
            "Version of 01.03.2016, last amended by 1. Änderung of 15.02.2016.",
            "2016-11-19",
        ),
        (
            "2017-01-01",
            IV_FIRST,
            VII_SECOND,
            4,
            M3,
            ["aenderung-1", "aenderung-2"],
            "Version of 01.01.2017, last amended by 2. Änderung of 12.12.2016.",
            "2017-02-19",
        ),
        (
            "2020-06-30",
            IV_FIRST,
            VII_SECOND,
            4,
            M3,
            ["aenderung-1", "aenderung-2"],
            "Version of 01.01.2017, last amended by 2. Änderung of 12.12.2016.",
            "2021-02-19",
        ),
    ],
)
def test_text_and_rules_in_force_on_a_day(
    day, iv, vii, parties, notice, applied, stand, notice_deadline
):
    day = date.fromisoformat(day)
    # the caller's order does not matter: amendments apply by their effective date
    version = consolidate(ORIGINAL, [SECOND, FIRST], day)
    sections = {s.key: s for s in version.sections}
    assert iv in sections["IV"].text
    assert vii in sections["VII"].text
    assert ("VIII" in sections) == (parties == 4)
    assert len(version.fields.parties) == parties
    assert ("stadt" in version.fields.parties) == (parties == 4)
    assert ("§ 13 SGB VIII" in version.fields.legal_bases) == bool(applied)
    assert version.fields.rules.notice_period == notice
    assert [a.id for a in version.applied] == applied
    assert str(version.stand) == stand
    assert version.in_force_on(day)
    # the deadline engine with the rules in force on that day
    deadlines = compute(version.fields.rules, SIGNED, day)
    assert deadlines.notice_deadline == date.fromisoformat(notice_deadline)


def test_a_day_before_entry_into_force_is_an_error():
    with pytest.raises(AmendmentError) as info:
        consolidate(ORIGINAL, [FIRST, SECOND], date(2015, 5, 19))
    assert info.value.msgid == "error_before_entry_into_force"
    assert info.value.field == "date"
    assert str(info.value) == (
        "The agreement entered into force on 20.05.2015; no text was in force on 19.05.2015."
    )


def test_an_agreement_not_in_force_has_no_text_in_force():
    original = Original(SEED, ORIGINAL.fields, in_force_since=None)
    with pytest.raises(AmendmentError) as info:
        consolidate(original, [], date(2020, 1, 1))
    assert info.value.msgid == "error_not_in_force"


def test_without_effective_amendments_the_original_is_in_force():
    # an amendment with a missing signature is not passed in, so nothing changes
    version = consolidate(ORIGINAL, [], date(2030, 1, 1))
    assert version.html == SEED
    assert version.fields == ORIGINAL.fields
    assert version.last_amendment is None


def test_versions_follow_each_other():
    history = versions(ORIGINAL, [FIRST, SECOND])
    assert [(v.valid_from, v.valid_until) for v in history] == [
        (date(2015, 5, 20), date(2016, 2, 29)),
        (date(2016, 3, 1), date(2016, 12, 31)),
        (date(2017, 1, 1), None),
    ]
    assert history[2].stand.msgid == "version_amended"
    assert history[2].stand.mapping["title"] == "2. Änderung"
    assert history[0].stand.default == MESSAGES["version_original"]


def test_amendments_on_the_same_day_apply_in_the_order_given():
    one = Amendment("x", "X", date(2016, 1, 1), changes=[SectionChange("replace", "V", "<p>1</p>")])
    two = Amendment("y", "Y", date(2016, 1, 1), changes=[SectionChange("replace", "V", "<p>2</p>")])
    version = consolidate(ORIGINAL, [one, two], date(2016, 1, 1))
    assert section_map(version.html)["V"].text.endswith("\n2")
    assert version.last_amendment.id == "y"


@pytest.mark.parametrize(
    ("amendment", "msgid"),
    [
        (Amendment("x", "X", date(2015, 5, 19)), "error_amendment_before_start"),
        (Amendment("x", "X", None), "error_amendment_without_date"),
        (FIRST, "error_amendment_twice"),
    ],
)
def test_amendments_that_cannot_be_in_force(amendment, msgid):
    with pytest.raises(AmendmentError) as info:
        versions(ORIGINAL, [FIRST, amendment])
    assert info.value.msgid == msgid


def test_an_amendment_that_does_not_fit_names_itself():
    bad = Amendment("bad", "3. Änderung", date(2018, 1, 1), parties_joining=("stadt",))
    with pytest.raises(AmendmentError) as info:
        consolidate(ORIGINAL, [SECOND, bad], date(2019, 1, 1))
    assert (info.value.msgid, info.value.amendment) == ("error_party_is_party", "bad")


def test_the_text_an_amendment_changes():
    assert base_version(ORIGINAL, [FIRST, SECOND], FIRST).applied == ()
    assert [a.id for a in base_version(ORIGINAL, [FIRST, SECOND], SECOND).applied] == [
        "aenderung-1"
    ]
    proposal = Amendment("p", "3. Änderung (Entwurf)")
    assert len(base_version(ORIGINAL, [FIRST, SECOND], proposal).applied) == 2
    planned = Amendment("p", "3. Änderung", date(2016, 6, 1))
    assert [a.id for a in base_version(ORIGINAL, [FIRST, SECOND], planned).applied] == [
        "aenderung-1"
    ]


def test_the_clauses_of_the_second_amendment():
    base = base_version(ORIGINAL, [FIRST, SECOND], SECOND)
    clauses = describe_amendment(base, SECOND)
    assert [str(clause.message) for clause in clauses] == [
        "Section “VII. Gültigkeit der Vereinbarung” is worded as follows:",
        "After section “VII. Gültigkeit der Vereinbarung” the following is inserted:",
        "stadt joins as a party.",
        "notice_period: 6 months is replaced by 3 months.",
    ]
    assert clauses[0].html == SECOND.changes[0].html
    assert clauses[1].html.startswith("<h2>VIII. Beitritt</h2>")
    assert clauses[3].message.mapping == {"name": "notice_period", "old": M6, "new": M3}


def test_the_clauses_of_deletions_and_list_changes():
    amendment = Amendment(
        "x",
        "X",
        date(2016, 1, 1),
        changes=[
            SectionChange("delete", "III.koordinierung"),
            SectionChange("insert_after", None, "<p>Vorbemerkung</p>"),
            SectionChange("replace_all", html="<h2>§ 1 Neu</h2>"),
        ],
        parties_leaving=("zib",),
        legal_bases_removed=("SGB I",),
        target_groups_added=("Schulabgänger",),
        rules={"renewal_term": None, "notice_period": None},
    )
    clauses = describe_amendment(consolidate(ORIGINAL, [], date(2016, 1, 1)), amendment)
    assert [str(clause.message) for clause in clauses] == [
        "Section “Koordinierung” is deleted.",
        "Before the first section the following is inserted:",
        "The text is worded as follows:",
        "zib leaves as a party.",
        "renewal_term: 1 years is replaced by –.",
        "notice_period: 6 months is replaced by –.",
        "Legal basis removed: SGB I.",
        "Target group added: Schulabgänger.",
    ]
    assert clauses[0].html == ""


@pytest.mark.parametrize(
    "html",
    [
        "<h2>§ 1 A</h2><p>a\x0bb\x00c</p>",
        b"<h2>\xc2\xa7 1 A</h2><p>abc</p>",
        "<!DOCTYPE html><html><head><title>t</title></head><body><h2>§ 1 A</h2><p>abc</body>",
        "<?xml version='1.0'?><!-- Kommentar --><h2>§ 1 A</h2><p>abc",
    ],
)
def test_odd_html_is_read_not_refused(html):
    sections = split_sections(html)
    assert [s.key for s in sections] == ["§ 1"]
    assert sections[0].text.replace("\ufffd", "") == "§ 1 A\nabc"


def test_who_signs_an_amendment():
    fields = base_version(ORIGINAL, [FIRST, SECOND], SECOND).fields
    assert signing_parties(fields, SECOND) == ("jobcenter", "bfo", "zib", "stadt")
    leaving = Amendment("x", "X", parties_leaving=("zib",))
    assert signing_parties(fields, leaving) == ("jobcenter", "bfo", "zib")
