"""Scenario tools over stored plans: branch, compare, stress test, history."""
