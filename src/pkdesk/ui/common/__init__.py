"""What every part of the window shares: the language, message boxes, list models, tooltips, tints."""
