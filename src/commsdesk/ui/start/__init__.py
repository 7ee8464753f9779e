"""Before a vault is open: welcome, create a vault, unlock."""
