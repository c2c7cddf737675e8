"""What-if toggles over the plan shown, and the banner that says what they change."""
