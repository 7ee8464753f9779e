"""The planner: strategies per person, stages of change, expectation checks, next-step rules."""
