"""The content types of events: one module per type (schema + class)."""
