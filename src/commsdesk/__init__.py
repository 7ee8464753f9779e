"""CommsDesk: an offline, encrypted journal and guide for talking about the war with people at home."""

__version__ = "0.1.0"
