"""People: the persons a user talks with — adding, editing, archiving and importing them."""
