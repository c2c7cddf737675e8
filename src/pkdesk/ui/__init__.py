"""The Qt desktop app: main window, views, item models, dialogs."""
