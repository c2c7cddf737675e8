"""Errors the user's input or environment causes: shown as one line, never as a traceback."""

from __future__ import annotations


class PkdeskError(Exception):
    """Something the user can act on. ``str(err)`` is a one-line message for them."""


class InputError(PkdeskError):
    """A file, argument or value the user gave is not what pkdesk expects."""


class NotFoundError(PkdeskError):
    """A node, plan or revision the user named does not exist."""


class StoreError(PkdeskError):
    """The database cannot be used: unreadable, foreign, damaged, newer or locked."""


class UnreachableError(StoreError):
    """The team database's server cannot be reached (down, network cut, connection lost).
    An edit in progress is kept on this computer (``store.journal``) until it is back."""
