"""The Club section: story cards, content packs, practice, meeting kits."""
