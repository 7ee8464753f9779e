"""Search across the whole vault: the dialog, its results model and their painting."""
