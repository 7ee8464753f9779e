"""The journal's use cases above the repositories: what is due, who has gone quiet, small wins."""
