"""The technique library: bundled articles in Russian and English (read-only content)."""
