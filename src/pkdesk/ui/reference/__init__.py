"""The Reference page: contents, search, bookmarks, notes and the reading pane."""
