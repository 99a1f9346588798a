"""Redlines: what an amendment changes, section by section and word by word."""

from amendments_scenario import FIRST
from amendments_scenario import ORIGINAL
from amendments_scenario import SECOND
from amendments_scenario import SEED
from datetime import date
from kooperation.amendments.redline import block_diff
from kooperation.amendments.redline import redline
from kooperation.amendments.redline import redline_changes
from kooperation.amendments.redline import section_diff
from kooperation.amendments.redline import word_diff
from kooperation.amendments.texts import Amendment
from kooperation.amendments.texts import apply_changes
from kooperation.amendments.texts import base_version
from kooperation.amendments.texts import SectionChange
from kooperation.amendments.texts import text_blocks

import lxml.html
import pytest


def tags(html):
    """The element tags of an HTML fragment, in document order."""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return [element.tag for element in root.iter() if element is not root]


class TestWords:
    def test_a_phrase_is_one_deletion_and_one_insertion(self):
        assert word_diff("nicht ein halbes Jahr vorher", "nicht drei Monate vorher") == [
            ("equal", "nicht ", "nicht "),
            ("change", "ein halbes Jahr", "drei Monate"),
            ("equal", " vorher", " vorher"),
        ]

    def test_a_date_is_one_word(self):
        assert word_diff("Stand: 20.05.2015", "Stand: 01.01.2017") == [
            ("equal", "Stand: ", "Stand: "),
            ("change", "20.05.2015", "01.01.2017"),
        ]

    def test_the_words_add_up_to_both_texts(self):
        old = "Die Treffen werden gemeinsam vorbereitet, moderiert und protokolliert."
        new = "Die Treffen werden abwechselnd vorbereitet; das Protokoll führt die Stadt."
        segments = word_diff(old, new)
        assert "".join(s[1] for s in segments) == old
        assert "".join(s[2] for s in segments) == new

    def test_paragraphs_are_paired_by_likeness(self):
        old = text_blocks("<p>Erster Absatz bleibt.</p><p>Zweiter Absatz wird gestrichen.</p>")
        new = text_blocks(
            "<p>Erster Absatz bleibt.</p><p>Ein ganz neuer Text ohne Bezug.</p>"
            "<p>Zweiter Absatz wird geändert.</p>"
        )
        pairs = [(a and a.text, b and b.text) for a, b in block_diff(old, new)]
        assert pairs == [
            ("Erster Absatz bleibt.", "Erster Absatz bleibt."),
            (None, "Ein ganz neuer Text ohne Bezug."),
            ("Zweiter Absatz wird gestrichen.", "Zweiter Absatz wird geändert."),
        ]


class TestAmendmentRedlines:
    def test_the_first_amendment(self):
        base = base_version(ORIGINAL, [FIRST, SECOND], FIRST)
        result = redline_changes(base.html, FIRST.changes)
        assert [(d.key, d.status) for d in result.sections] == [("IV", "changed")]
        diff = result.sections[0]
        assert diff.heading == "IV. Qualitätsentwicklung"
        assert diff.html == (
            "<h2>IV. Qualitätsentwicklung</h2>"
            '<p class="redline-changed">Die kontinuierliche Wirksamkeitsprüfung erfolgt durch '
            "<del>eine regelmäßige und Ebenen übergreifende Qualitätssicherung</del> "
            "<ins>einen jährlichen gemeinsamen Bericht der Kooperationspartner</ins>.</p>"
        )
        assert "<ins>" not in diff.old_html
        assert "<del>" in diff.old_html
        assert "<del>" not in diff.new_html
        assert "<ins>" in diff.new_html
        assert diff.text.splitlines()[1] == (
            "Die kontinuierliche Wirksamkeitsprüfung erfolgt durch "
            "[-eine regelmäßige und Ebenen übergreifende Qualitätssicherung-]"
            "{+einen jährlichen gemeinsamen Bericht der Kooperationspartner+}."
        )

    def test_the_second_amendment(self):
        base = base_version(ORIGINAL, [FIRST, SECOND], SECOND)
        result = redline_changes(base.html, SECOND.changes)
        assert [(d.key, d.status) for d in result.sections] == [
            ("VII", "changed"),
            ("VIII", "added"),
        ]
        changed, added = result.sections
        assert "<del>ein halbes Jahr</del> <ins>drei Monate</ins>" in changed.html
        # the new text has no Stand line: removed as a whole paragraph
        assert '<p class="redline-removed"><del>Stand: 20.05.2015</del></p>' in changed.html
        assert added.old_html == ""
        assert added.html.startswith('<h2 class="redline-added"><ins>VIII. Beitritt</ins></h2>')
        assert result.by_status("added") == (added,)
        assert '<section class="redline-section redline-added" data-key="VIII">' in result.html
        assert "{+VIII. Beitritt+}" in result.text

    def test_a_changed_heading_is_paired_with_its_section(self):
        change = SectionChange(
            "replace", "III.ziele", "<h3>Ziele und Zwecke:</h3><ul><li>x</li></ul>"
        )
        result = redline_changes(SEED, [change])
        assert [(d.key, d.status) for d in result.sections] == [("III.ziele", "changed")]
        assert result.sections[0].old_heading == "Ziele:"
        assert result.sections[0].new_heading == "Ziele und Zwecke:"

    def test_a_deleted_section(self):
        result = redline_changes(SEED, [SectionChange("delete", "III.koordinierung")])
        (diff,) = result.sections
        assert (diff.key, diff.status, diff.new_html) == ("III.koordinierung", "removed", "")
        assert tags(diff.html) == ["h3", "del", "ul", "li", "del", "li", "del", "li", "del"]

    def test_replacing_the_whole_body(self):
        new = SEED.replace("Datenrechtliche Regelungen", "Die Regelungen")
        result = redline_changes(SEED, [SectionChange("replace_all", html=new)])
        assert [(d.key, d.status) for d in result.sections] == [("V", "changed")]

    def test_an_unchanged_text_has_an_empty_redline(self):
        result = redline_changes(
            SEED,
            [
                SectionChange(
                    "replace",
                    "V",
                    "<p>Datenrechtliche "
                    "Regelungen des SGB I, SGB II, SGB VIII und SGB X sind maßgeblich.</p>",
                )
            ],
        )
        assert result.sections == ()
        assert result.html == result.text == ""


class TestVersions:
    def test_two_versions_paired_by_key(self):
        changes = [
            SectionChange("delete", "III.koordinierung"),
            SectionChange("replace", "V", "<p>Es gilt die DSGVO.</p>"),
            SectionChange("insert_after", "VII", "<h2>VIII. Beitritt</h2><p>a</p>"),
        ]
        new = apply_changes(SEED, changes)
        result = redline(SEED, new)
        assert [(d.key, d.status) for d in result.sections] == [
            ("III.koordinierung", "removed"),
            ("V", "changed"),
            ("VIII", "added"),
        ]
        assert redline(SEED, SEED).sections == ()

    def test_lists_keep_their_nesting(self):
        text = "<h2>§ 1 A</h2><ul><li>eins</li><li>zwei<ol><li>{}</li></ol></li></ul><p>Ende</p>"
        old, new = text.format("innen"), text.format("innen neu")
        diff = section_diff("§ 1", old, new)
        assert diff.html == (
            "<h2>§ 1 A</h2><ul><li>eins</li><li>zwei<ol>"
            '<li class="redline-changed">innen<ins> neu</ins></li></ol></li></ul><p>Ende</p>'
        )
        assert diff.text == "§ 1 A\n- eins\n- zwei\n  - innen{+ neu+}\nEnde"


@pytest.mark.parametrize(
    "evil",
    [
        '<img src=x onerror="alert(1)">Bild',
        "<script>alert(1)</script>Skript",
        "&lt;script&gt;alert(1)&lt;/script&gt; als Text",
        '<a href="javascript:alert(1)" onclick="x()">Link</a>',
        '"><b onmouseover=alert(1)>Attribut',
    ],
)
def test_user_text_is_escaped(evil):
    old = "<h2>§ 1 Zweck</h2><p>Alt.</p>"
    new = f"<h2>§ 1 Zweck</h2><p>Neu {evil}.</p>"
    result = redline(old, new)
    for html in (result.html, result.sections[0].new_html, result.sections[0].old_html):
        assert set(tags(html)) <= {"section", "h2", "p", "ins", "del"}
        root = lxml.html.fragment_fromstring(html, create_parent="div")
        attributes = {name for element in root.iter() for name in element.attrib}
        assert attributes <= {"class", "data-key"}
    assert "alert(1)</script>" not in result.html


def test_a_key_with_quotes_stays_in_its_attribute():
    result = redline('<h2>"x" & y</h2><p>a</p>', '<h2>"x" & y</h2><p>b</p>')
    assert 'data-key="x-y"' in result.html


def test_a_proposal_against_the_text_in_force():
    proposal = Amendment("p", "3. Änderung", None, changes=[SectionChange("delete", "VIII")])
    base = base_version(ORIGINAL, [FIRST, SECOND], proposal)
    (diff,) = redline_changes(base.html, proposal.changes).sections
    assert (diff.key, diff.status) == ("VIII", "removed")
    assert base.valid_from == date(2017, 1, 1)
