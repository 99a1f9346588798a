"""The content types of amendments: one module per type (schema + class)."""
