"""Back/forward navigation history, as a browser keeps it (no Qt).

Visiting a new place drops everything ahead of the current one; visiting the place already
shown changes nothing, so reloading a node does not add a step the user must go back through.
"""

from __future__ import annotations

from typing import Generic, TypeVar

T = TypeVar("T")

DEFAULT_LIMIT = 200


class History(Generic[T]):
    def __init__(self, limit: int = DEFAULT_LIMIT) -> None:
        if limit < 1:
            raise ValueError("limit must be at least 1")
        self._limit = limit
        self._items: list[T] = []
        self._pos = -1

    @property
    def current(self) -> T | None:
        return self._items[self._pos] if self._pos >= 0 else None

    @property
    def can_go_back(self) -> bool:
        return self._pos > 0

    @property
    def can_go_forward(self) -> bool:
        return 0 <= self._pos < len(self._items) - 1

    def visit(self, item: T) -> bool:
        """Make `item` the current place; return False when it already was."""
        if self.current == item:
            return False
        del self._items[self._pos + 1:]
        self._items.append(item)
        if len(self._items) > self._limit:
            del self._items[0]
        self._pos = len(self._items) - 1
        return True

    def back(self) -> T | None:
        """Step back and return the new current place, or None when there is nowhere to go."""
        if not self.can_go_back:
            return None
        self._pos -= 1
        return self._items[self._pos]

    def forward(self) -> T | None:
        if not self.can_go_forward:
            return None
        self._pos += 1
        return self._items[self._pos]

    def back_items(self) -> list[T]:
        """Places behind the current one, nearest first (for a back-button menu)."""
        return self._items[:max(self._pos, 0)][::-1]

    def forward_items(self) -> list[T]:
        return self._items[self._pos + 1:]

    def clear(self) -> None:
        self._items.clear()
        self._pos = -1
