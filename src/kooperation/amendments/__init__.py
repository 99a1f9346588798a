"""Written-form amendments: sections of an agreement's text, consolidation, redlines."""
