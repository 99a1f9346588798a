"""The catalogs match the code and the German one is complete."""

from kooperation import _
from kooperation.locales import update
from pathlib import Path
from zope.i18n import translate

import re


LOCALES = Path(update.__file__).parent


def msgids(path):
    """msgid -> msgstr of a .po/.pot file (single-line entries, as i18ndude writes them)."""
    text = path.read_text(encoding="utf-8")
    pairs = re.findall(r'^msgid "(.*)"\nmsgstr "(.*)"', text, re.M)
    return {mid: mstr for mid, mstr in pairs if mid}


class TestCatalogs:
    def test_pot_is_up_to_date(self, tmp_path):
        update.rebuild_pot(pot=tmp_path / "kooperation.pot", manual=tmp_path / "manual.pot")
        assert set(msgids(tmp_path / "kooperation.pot")) == set(
            msgids(LOCALES / "kooperation.pot")
        ), "run `make i18n` and translate the new messages"

    def test_german_is_complete(self):
        pot = msgids(LOCALES / "kooperation.pot")
        german = msgids(LOCALES / "de" / "LC_MESSAGES" / "kooperation.po")
        assert len(pot) > 100
        missing = sorted(mid for mid in pot if not german.get(mid))
        assert missing == []

    def test_english_catalog_is_synced(self):
        pot = msgids(LOCALES / "kooperation.pot")
        english = msgids(LOCALES / "en" / "LC_MESSAGES" / "kooperation.po")
        assert set(english) == set(pot)

    def test_engine_messages_are_in_the_catalog(self):
        from kooperation.deadlines import MESSAGES

        assert set(MESSAGES) <= set(msgids(LOCALES / "kooperation.pot"))

    def test_runtime_translation(self, portal):
        message = _(
            "deadline_notice_by",
            default="Notice must be received by ${deadline}; the agreement then ends on ${end}.",
            mapping={"deadline": "19.11.2015", "end": "19.05.2016"},
        )
        assert translate(message, target_language="de") == (
            "Kündigung muss spätestens am 19.11.2015 zugegangen sein; "
            "die Vereinbarung endet dann am 19.05.2016."
        )
        assert translate(message, target_language="en").startswith("Notice must be received")
