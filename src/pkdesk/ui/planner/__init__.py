"""The Planner page: the planner session (repository, autosave, undo), the plan list, and its parts."""
