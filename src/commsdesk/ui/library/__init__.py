"""The Library section: browse, search and read the technique library; marks and notes."""
