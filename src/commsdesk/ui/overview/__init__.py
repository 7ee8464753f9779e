"""The Overview section."""
