"""pkdesk: offline reference and scenario planner for peacekeeping and diplomacy."""

__version__ = "0.1.0"
