"""The third-party data detector for minutes: what it reports and what it leaves alone."""

from kooperation.privacy.thirdparty import find_third_party_data
from kooperation.privacy.thirdparty import plain_text
from kooperation.privacy.thirdparty import warning

import pytest
import time


STAFF = ["Anna Müller", "Kemal Kaya", "Sabine Weber", "0208 8505-100", "Marktstraße 80"]


def kinds(text, known=STAFF):
    return [(f.kind, f.text) for f in find_third_party_data(text, known=known)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # names of clients in the patterns of German minutes
        ("Herr K. hat die Maßnahme abgebrochen.", [("person", "Herr K.")]),
        ("Frau Yilmaz hat den Termin nicht wahrgenommen.", [("person", "Frau Yilmaz")]),
        ("Der Jugendliche Kevin S. war zweimal nicht da.", [("person", "Kevin S.")]),
        ("Die Teilnehmerin Schmidt hat eine Zusage.", [("person", "Schmidt")]),
        ("der junge Mann M. soll in die BvB", [("person", "M.")]),
        ("Besprechung im Fall Brandt: Hilfeplan folgt.", [("person", "Brandt")]),
        ("Rückmeldung zu K. Nowak folgt.", [("person", "K. Nowak")]),
        ("Leon Hoffmann braucht einen Ausbildungsplatz.", [("person", "Leon Hoffmann")]),
        ("Mehmet hat die Prüfung bestanden.", [("person", "Mehmet")]),
        # dates of birth and ages
        ("Sie ist geb. 12.03.2005 und wohnt bei der Mutter.", [("birth_date", "geb. 12.03.2005")]),
        ("Ein Teilnehmer (*03.07.2006) fehlt.", [("birth_date", "*03.07.2006")]),
        ("Geburtsdatum: 1.2.2004", [("birth_date", "Geburtsdatum: 1.2.2004")]),
        ("Herr T. (19) sucht eine Wohnung.", [("person", "Herr T."), ("age", "(19)")]),
        ("Die 17-jährige hat die Schule verlassen.", [("age", "Die 17-jährige")]),
        ("Er ist 16 Jahre alt.", [("age", "ist 16 Jahre alt")]),
        # contact data and numbers
        (
            "Sie wohnt in der Lothringer Straße 12, 46045 Oberhausen.",
            [
                ("address", "Lothringer Straße 12"),
                ("address", "46045 Oberhausen"),
            ],
        ),
        ("Erreichbar unter 0176 12345678.", [("phone", "0176 12345678")]),
        ("Mail an kevin.s@web.de geschickt", [("email", "kevin.s@web.de")]),
        ("BG-Nummer 12345BG0012345 ist bekannt.", [("case_number", "BG-Nummer 12345BG0012345")]),
        ("Kundennummer: 123D456789", [("case_number", "Kundennummer: 123D456789")]),
        ("IBAN DE02 1203 0000 0000 2020 51", [("bank_account", "DE02 1203 0000 0000 2020 51")]),
        # staff: known, or named with their institution or role
        ("Frau Müller vom Jobcenter berichtet über U25.", []),
        ("Herr Kaya (BFO) stellt das Projekt vor.", []),
        ("Frau Lehmann vom Jugendamt übernimmt die Moderation.", []),
        ("Frau Dr. Brinkmann, Fallmanagerin, erläutert das Verfahren.", []),
        ("Kollegin Frau Jansen nimmt teil.", []),
        ("Frau A. Schulz vom ZIB und Herr Dr. Klein (Agentur für Arbeit)", []),
        ("A. Müller und S. Weber protokollieren.", []),
        ("Anna Müller lädt zum nächsten Termin ein.", []),
        ("Telefon der Geschäftsstelle: 0208 8505-100", []),
        ("Ort: Jobcenter Oberhausen, Marktstraße 80, 46045 Oberhausen", []),
        ("Fragen an info@jobcenter-oberhausen.de", []),
        # institutional text without personal data
        ("Der Runde Tisch tagt im Anschluss an den AK Soziales.", []),
        ("Jugendliche Migranten haben oft keinen Abschluss.", []),
        ("In diesem Fall Rücksprache mit dem Träger halten.", []),
        ("219 Plätze: 130 nach SGB VIII, 89 nach SGB II, keine Warteliste.", []),
        ("Förderphase 01.01.2019 bis 30.06.2022, Stand 20.05.2015", []),
        ("Leistungen nach § 16 (2) SGB II und § 78 SGB VIII", []),
        ("Die BG-Nummer wird für die Anmeldung nicht benötigt.", []),
        ("Jugendliche unter 25 Jahren, 16- bis 18-jährige Schüler", []),
        ("I. Präambel\nA. Organisatorisches\nB. Berichte der Partner", []),
        ("Treffen in der Paul-Gerhardt-Schule und im Sophie-Scholl-Gymnasium", []),
        ("Auf jeden Fall wird der Workshop 2026 wiederholt.", []),
        ("Herr Oberbürgermeister eröffnet die Jugendkonferenz.", []),
        ("Die Förderung beträgt 10000 Euro.", []),
    ],
)
def test_findings(text, expected):
    assert kinds(text) == expected


MINUTES = """\
Protokoll Runder Tisch „Arbeitsmarkt und Beschäftigung“ – Sitzung vom 12.03.2026
Ort: ZIB Bildungsoffensive – die kurbel, Lothringer Str. 20, 46045 Oberhausen
Moderation: BFO; Protokoll: Jobcenter Oberhausen
Anwesend: Frau Schulte (Jobcenter), Herr Dr. Klein (Agentur für Arbeit),
Frau A. Schulz vom ZIB, Herr Becker, BFO
TOP 1 Begrüßung
Herr Becker begrüßt die Anwesenden. Das Protokoll der letzten Sitzung wird genehmigt.
TOP 2 Berichte der Partner
Das Jobcenter berichtet über die Zahl der U25-Kunden im Quartier Oberhausen-Innenstadt.
Im Projekt JUGEND STÄRKEN im Quartier sind 31 Plätze frei.
Die BerufsWegeBegleitung läuft bis 30.06.2021.
Frau Schulz stellt das Angebot RoOF vor;
Anmeldungen über kontakt@zib-oberhausen.de oder 0208 8505-0.
TOP 3 Gemeinsame Falllagen
Der Fall wird in der Hilfekonferenz am 20.04.2026 besprochen.
Jugendliche mit Fluchthintergrund brauchen mehr Sprachförderung.
TOP 4 Verschiedenes
Die nächste Sitzung findet am 28.05.2026 statt. Einladung: ZIB.
"""


class TestMinutes:
    """A whole set of minutes: staff introduced once with their institution stay staff."""

    def test_clean_minutes_give_no_warning(self):
        assert find_third_party_data(MINUTES) == ()

    def test_a_case_in_the_minutes_is_found(self):
        text = MINUTES.replace(
            "Der Fall wird",
            "Herr Becker schildert den Fall Jonas B. (17), wohnhaft Marktstraße 3. Der Fall wird",
        )
        assert [(f.kind, f.text) for f in find_third_party_data(text)] == [
            ("person", "Jonas B."),
            ("age", "(17)"),
            ("address", "Marktstraße 3"),
        ]

    def test_staff_introduced_elsewhere(self):
        assert kinds("Anwesend: Herr Becker, BFO. Herr Becker begrüßt alle.", known=()) == []
        assert kinds("Herr Becker begrüßt alle.", known=()) == [("person", "Herr Becker")]


def test_unknown_staff_without_context_is_reported():
    """Without the list of known people, a bare "Frau Müller" is a warning."""
    assert kinds("Frau Müller berichtet.", known=()) == [("person", "Frau Müller")]
    assert kinds("Frau Müller berichtet.") == []


def test_age_after_a_known_name_is_still_reported():
    assert kinds("Frau Weber (17) vom Jugendhaus") == [("person", "Frau Weber"), ("age", "(17)")]


def test_positions_in_plain_text():
    text = "TOP 2: Herr K. fehlt, Tel. 0208 123456."
    findings = find_third_party_data(text)
    assert [text[f.start : f.end] for f in findings] == ["Herr K.", "0208 123456"]


class TestHtml:
    HTML = (
        "<h2>TOP&nbsp;3</h2><p>Der Jugendliche <strong>Kevin&nbsp;S.</strong> "
        "(geb.&nbsp;12.03.2005) wohnt in der <em>Lothringer</em> Stra&szlig;e 12.</p>"
        "<p>Frau M&uuml;ller vom Jobcenter berichtet.</p>"
    )

    def test_findings_point_into_the_markup(self):
        findings = find_third_party_data(self.HTML, known=STAFF)
        assert [(f.kind, f.text) for f in findings] == [
            ("person", "Kevin\xa0S."),
            ("birth_date", "geb.\xa012.03.2005"),
            ("address", "Lothringer Straße 12"),
        ]
        assert [self.HTML[f.start : f.end] for f in findings] == [
            "Kevin&nbsp;S.",
            "geb.&nbsp;12.03.2005",
            "Lothringer</em> Stra&szlig;e 12",
        ]

    def test_block_tags_separate_words(self):
        text, spans = plain_text("<p>Herr</p><p>K. kam</p><script>var x = 'Herr X.'</script>")
        assert text == "\nHerr\n\nK. kam\n"
        assert len(spans) == len(text)
        assert find_third_party_data("<p>Herr</p><p>K. kam</p>", html=True) == ()

    def test_plain_text_is_not_taken_for_html(self):
        text = "Frau K. <3"
        assert [(f.start, f.end) for f in find_third_party_data(text)] == [(0, 7)]

    def test_json(self):
        (finding,) = find_third_party_data("<p>Fall Brandt:</p>")
        assert finding.to_json() == {
            "kind": "person",
            "text": "Brandt",
            "start": 8,
            "end": 14,
            "msgid": "thirdparty_person",
            "default": "Looks like the name of a person who is not known as staff.",
        }


def test_bad_input():
    assert find_third_party_data(None) == ()
    assert find_third_party_data("") == ()
    with pytest.raises(TypeError):
        find_third_party_data(b"Herr K.")
    # junk in the known list is ignored
    assert kinds("Frau Müller berichtet.", known=[None, "", 5, "Anna Müller"]) == []


@pytest.mark.parametrize(
    "text",
    ["Aaaa-" * 20000, "01 " * 20000, "a." * 50000, "BG-Nummer " * 10000, "<p>" * 20000],
)
def test_long_pathological_input_is_read_in_linear_time(text):
    """Patterns with unbounded runs backtracked quadratically (13 s for the first text)."""
    started = time.perf_counter()
    find_third_party_data(text)
    assert time.perf_counter() - started < 3


def test_warning():
    assert warning(()) is None
    findings = find_third_party_data("Herr K. (17), geb. 12.03.2009")
    assert warning(findings) == (
        "thirdparty_warning",
        "The text may contain personal data of third parties (3 places). "
        "Minutes must not name young people or other clients.",
        {"count": 3},
    )
