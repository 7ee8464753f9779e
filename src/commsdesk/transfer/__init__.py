"""Moving data in and out of a vault: the JSON exchange format and the Markdown reading copy."""
