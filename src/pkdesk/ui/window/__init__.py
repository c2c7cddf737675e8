"""The main window and what is window-wide: menus, status bar, page shortcuts, kept state, start-up recovery, crash report."""
