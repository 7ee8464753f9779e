"""The Settings section: preferences, the vault's safety operations, the emergency kit."""
