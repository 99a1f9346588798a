"""Members' reports, projects and measures of an association of networks (issue 9).

Pure Python (no Zope): the places of measures and their totals, the dates of projects
and funding phases, quarters and due reports, and the time series for the dashboard.
The content types adapt these dataclasses; sentences are catalog message ids with an
English default here (``MESSAGES``) and the German text beside it (``MESSAGES_DE``),
because the i18n extractor cannot see them in a Zope-free module.
"""

from datetime import date
from kooperation.common import phrases
from kooperation.common.phrases import interpolate


# The keys of kooperation.vocabularies.LEGAL_SPHERES (kept in step by a test).
LEGAL_SPHERES = ("SGB II", "SGB III", "SGB VIII", "Schulrecht", "other")

MESSAGES = {
    "reporting_error_not_a_date": "${field} must be a date, not ${value}.",
    "reporting_error_not_a_count": "${field} must be a whole number of at least 0, not ${value}.",
    "reporting_error_unknown_sphere": (
        "${value} is not a legal sphere; use one of SGB II, SGB III, SGB VIII, Schulrecht, other."
    ),
    "reporting_error_occupied_exceeds_planned": (
        "${sphere}: ${occupied} occupied places exceed the ${planned} planned places."
    ),
    "reporting_error_no_places": "A report of a measure needs places in at least one legal sphere.",
    "reporting_error_duplicate_report": "The measure ${title} has two reports on ${date}.",
    "reporting_error_no_title": "A ${kind} needs a title.",
    "reporting_error_end_before_start": "${field} (${end}) lies before the start (${start}).",
    "reporting_error_age_range": (
        "The age range must read like 14-27 (from 0 to 99, the first not above the second), "
        "not ${value}."
    ),
    "reporting_error_application_status": (
        "The application status must be one of planned, submitted, under_review, approved, "
        "rejected, not ${value}."
    ),
    "reporting_error_phases_overlap": (
        "The funding phases ${first} and ${second} overlap: a phase starts before the "
        "previous one ends."
    ),
    "reporting_error_quarter": "The quarter must be 1, 2, 3 or 4, not ${value}.",
    "reporting_error_range": "The end of the range (${end}) lies before its start (${start}).",
    "reporting_error_report_state": (
        "The state of a report must be draft, submitted or published, not ${value}."
    ),
    "reporting_deadline_project_end": "${project}: the project ends on ${date}.",
    "reporting_deadline_pilot_end": "${project}: the pilot phase ends on ${date}.",
    "reporting_deadline_phase_end": "${project}: funding phase ${phase} ends on ${date}.",
    "reporting_deadline_phase_start_planned": (
        "${project}: funding phase ${phase} starts on ${date}; the application is not yet "
        "submitted."
    ),
    "reporting_deadline_phase_start_pending": (
        "${project}: funding phase ${phase} starts on ${date}; the application is still "
        "pending at ${funder}."
    ),
    "reporting_report_due": "The report for Q${quarter} ${year} is due on ${date}.",
    "reporting_report_overdue": "The report for Q${quarter} ${year} was due on ${date}.",
    "reporting_csv_date": "Reference date",
    "reporting_csv_planned": "${sphere} planned",
    "reporting_csv_occupied": "${sphere} occupied",
    "reporting_csv_free": "${sphere} free",
    "reporting_csv_total": "Total",
    "reporting_csv_measures": "Measures",
    "reporting_csv_open_to_refugees": "Open to refugees",
    "reporting_csv_waiting_list": "Waiting list",
}

# German text of the same ids, for the catalog (de/LC_MESSAGES/kooperation.po).
MESSAGES_DE = {
    "reporting_error_not_a_date": "${field} muss ein Datum sein, nicht ${value}.",
    "reporting_error_not_a_count": (
        "${field} muss eine ganze Zahl von mindestens 0 sein, nicht ${value}."
    ),
    "reporting_error_unknown_sphere": (
        "${value} ist kein Rechtskreis; möglich sind SGB II, SGB III, SGB VIII, Schulrecht, other."
    ),
    "reporting_error_occupied_exceeds_planned": (
        "${sphere}: ${occupied} belegte Plätze sind mehr als die ${planned} geplanten Plätze."
    ),
    "reporting_error_no_places": (
        "Eine Meldung zu einer Maßnahme braucht Plätze in mindestens einem Rechtskreis."
    ),
    "reporting_error_duplicate_report": "Die Maßnahme ${title} hat zwei Meldungen am ${date}.",
    "reporting_error_no_title": "Ein(e) ${kind} braucht einen Titel.",
    "reporting_error_end_before_start": "${field} (${end}) liegt vor dem Beginn (${start}).",
    "reporting_error_age_range": (
        "Die Altersspanne muss wie 14-27 lauten (von 0 bis 99, die erste Zahl nicht größer "
        "als die zweite), nicht ${value}."
    ),
    "reporting_error_application_status": (
        "Der Antragsstatus muss planned, submitted, under_review, approved oder rejected "
        "sein, nicht ${value}."
    ),
    "reporting_error_phases_overlap": (
        "Die Förderphasen ${first} und ${second} überschneiden sich: eine Phase beginnt, "
        "bevor die vorige endet."
    ),
    "reporting_error_quarter": "Das Quartal muss 1, 2, 3 oder 4 sein, nicht ${value}.",
    "reporting_error_range": "Das Ende des Zeitraums (${end}) liegt vor seinem Beginn (${start}).",
    "reporting_error_report_state": (
        "Der Status eines Berichts muss draft, submitted oder published sein, nicht ${value}."
    ),
    "reporting_deadline_project_end": "${project}: das Projekt endet am ${date}.",
    "reporting_deadline_pilot_end": "${project}: die Pilotphase endet am ${date}.",
    "reporting_deadline_phase_end": "${project}: die Förderphase ${phase} endet am ${date}.",
    "reporting_deadline_phase_start_planned": (
        "${project}: die Förderphase ${phase} beginnt am ${date}; der Antrag ist noch nicht "
        "gestellt."
    ),
    "reporting_deadline_phase_start_pending": (
        "${project}: die Förderphase ${phase} beginnt am ${date}; der Antrag liegt noch "
        "bei ${funder} zur Prüfung."
    ),
    "reporting_report_due": (
        "Der Bericht für das ${quarter}. Quartal ${year} ist am ${date} fällig."
    ),
    "reporting_report_overdue": (
        "Der Bericht für das ${quarter}. Quartal ${year} war am ${date} fällig."
    ),
    "reporting_csv_date": "Stichtag",
    "reporting_csv_planned": "${sphere} geplant",
    "reporting_csv_occupied": "${sphere} belegt",
    "reporting_csv_free": "${sphere} frei",
    "reporting_csv_total": "Gesamt",
    "reporting_csv_measures": "Maßnahmen",
    "reporting_csv_open_to_refugees": "Offen für Geflüchtete",
    "reporting_csv_waiting_list": "Warteliste",
}


class Phrase(phrases.Phrase):
    """A sentence for the catalog, with the core's own German text for CSV without Zope."""

    MESSAGES = MESSAGES

    def german(self):
        return interpolate(MESSAGES_DE[self.msgid], self.mapping)


class ReportingError(ValueError):
    """Input that cannot hold; ``field``, ``msgid`` and ``mapping`` for a 400 answer."""

    def __init__(self, field_name, msgid, **mapping):
        self.field = field_name
        self.message = Phrase(msgid, mapping)
        super().__init__(str(self.message))

    @property
    def msgid(self):
        return self.message.msgid

    @property
    def mapping(self):
        return self.message.mapping


def check_date(value, name):
    """``value`` when it is a date (not a datetime); a clear error otherwise."""
    if not isinstance(value, date) or hasattr(value, "hour"):
        raise ReportingError(name, "reporting_error_not_a_date", field=name, value=repr(value))
    return value


def check_count(value, name):
    """``value`` when it is a whole number of at least 0."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ReportingError(name, "reporting_error_not_a_count", field=name, value=repr(value))
    return value


def check_sphere(value):
    if value not in LEGAL_SPHERES:
        raise ReportingError("legal_sphere", "reporting_error_unknown_sphere", value=repr(value))
    return value


def parse_day(text, name="date"):
    """A date from ``2018-11-15`` or ``15.11.2018`` (query strings, forms)."""
    if isinstance(text, date) and not hasattr(text, "hour"):
        return text
    value = str(text).strip() if text is not None else ""
    try:
        if "." in value:
            day, month, year = value.split(".")
            if len(year) != 4:
                raise ValueError(value)
            return date(int(year), int(month), int(day))
        return date.fromisoformat(value)
    except ValueError:
        raise ReportingError(
            name, "reporting_error_not_a_date", field=name, value=repr(text)
        ) from None
