"""Ways in: the personal start page ("Mein Überblick") and personal calendar feeds."""
