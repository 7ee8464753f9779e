"""Progress: slow change made visible, per person and overall, without streaks or pressure."""
