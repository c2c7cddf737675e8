"""The Planner's Performance tab: worded objectives, indicators, field data and reviews."""
