"""The content types of agreements: one module per type (schema + class)."""
