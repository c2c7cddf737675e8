"""Help › Keyboard Shortcuts (built from the window's real actions) and Help › pkdesk Guide."""
