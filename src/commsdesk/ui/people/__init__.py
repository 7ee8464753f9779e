"""The People section: the list, a person's profile and their timeline."""
