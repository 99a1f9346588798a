"""The content types of members: one module per type (schema + class)."""
