"""Small frozen records written out by hand (``Record``), for the types the read-only
commands build: ``@dataclass`` would import ``dataclasses`` (and ``inspect``, ``ast``...),
which costs more than the query they answer (issue 17).
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Self


class Record:
    """A small frozen record, as ``@dataclass(frozen=True)`` would make it (equality, hash,
    repr), written out so that importing this module does not import ``dataclasses``."""

    __slots__: tuple[str, ...] = ()

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Record)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{self.__class__.__name__}({fields})"

    def replace(self, **changes: object) -> Self:
        """A copy with ``changes`` (what ``dataclasses.replace`` does)."""
        unknown = set(changes) - set(self.__slots__)
        if unknown:
            raise TypeError(f"no field {sorted(unknown)[0]!r}")
        new = object.__new__(self.__class__)
        for name in self.__slots__:
            object.__setattr__(new, name, changes.get(name, getattr(self, name)))
        return new

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}")


class TreeEntry(Record):
    """A reference node as the tree needs it: no body text, children in reading order.
    (``core.reference.TreeEntry``; here so that `pkdesk reference` need not import that.)"""

    __slots__ = ("id", "title", "kind", "parent", "children")
    id: str
    title: str
    kind: str
    parent: str | None
    children: tuple[str, ...]

    def __init__(self, id: str, title: str, kind: str, parent: str | None,  # noqa: A002
                 children: tuple[str, ...]) -> None:
        for name, value in zip(self.__slots__, (id, title, kind, parent, children)):
            object.__setattr__(self, name, value)
