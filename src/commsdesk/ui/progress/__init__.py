"""The Progress section: figures, charts and the progress report."""
