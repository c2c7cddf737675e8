"""A team database's URL: checked, normalised for SQLAlchemy, and shown without its password.

    postgresql+psycopg://user@host:port/dbname     (also postgresql://...)

Pure Python (no SQLAlchemy, no psycopg): the CLI and the window name the server with
``describe`` before anything is imported or connected. The password, when the URL carries
one, is never shown: ``describe`` gives ``user@host:port/dbname``.
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from pkdesk.core.errors import InputError

SCHEMES = ("postgresql", "postgresql+psycopg")
DEFAULT_PORT = 5432


def _parts(url: str) -> tuple[str, str, int, str]:
    """(user, host, port, dbname); InputError naming what is wrong (never the password)."""
    try:
        split = urlsplit(url)
        port = split.port
    except ValueError:
        raise InputError("--db: the server URL's port is not a number from 1 to 65535 "
                         "(expected postgresql+psycopg://user@host:port/dbname)") from None
    if split.scheme not in SCHEMES:
        raise InputError(f"--db: unknown database URL scheme {split.scheme[:30]!r} "
                         "(expected postgresql+psycopg://user@host:port/dbname)")
    host = split.hostname or ""
    dbname = unquote(split.path.lstrip("/"))
    if not host or not dbname or "/" in dbname:
        raise InputError("--db: a server URL needs a host and a database name "
                         "(postgresql+psycopg://user@host:port/dbname)")
    return unquote(split.username or ""), host, port or DEFAULT_PORT, dbname


def check(url: str) -> None:
    """Raise InputError when ``url`` is not a usable server URL."""
    _parts(url)


def sqlalchemy_url(url: str) -> str:
    """The URL with the psycopg (3) driver named, as SQLAlchemy needs it."""
    _parts(url)
    scheme, rest = url.split("://", 1)
    return "postgresql+psycopg://" + rest if scheme == "postgresql" else url


def describe(url: str) -> str:
    """``user@host:port/dbname``: where the window and messages say they are connected."""
    try:
        user, host, port, dbname = _parts(url)
    except InputError:
        return "(an invalid server URL)"
    shown_host = f"[{host}]" if ":" in host else host
    return f"{user + '@' if user else ''}{shown_host}:{port}/{dbname}"


def host_port(url: str) -> str:
    """``host:port``, for "the team database at host:port is unreachable"."""
    try:
        _user, host, port, _db = _parts(url)
    except InputError:
        return "(an invalid server URL)"
    return f"{host}:{port}"
