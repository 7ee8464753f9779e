"""The Qt desktop app: thin views over the core; never imported by the core."""
