"""The content types of meetings: one module per type (schema + class)."""
