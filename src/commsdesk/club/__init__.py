"""Communication Clubs: story cards, content packs, practice, meeting kits, phone contacts."""
