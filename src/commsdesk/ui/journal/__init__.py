"""The Journal section: every conversation, and the dialog that logs one."""
