"""Communication Clubs: story cards, content packs, practice (role-play, drills), meeting kits, contacts from a phone."""
