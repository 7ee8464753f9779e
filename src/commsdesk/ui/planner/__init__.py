"""The Planner section: stages, strategy, prep sheets and the after-talk review."""
