"""Passwords for team databases: kept where libpq keeps them, never in pkdesk's settings.

- libpq's own password file: ``$PGPASSFILE``, else ``~/.pgpass`` (``%APPDATA%\\postgresql\\
  pgpass.conf`` on Windows). pkdesk refuses to connect while that file can be read by
  other users (libpq would silently ignore it; pkdesk says so instead), and
  ``pkdesk team login URL`` writes it whole-or-not-at-all, mode 0600.
- The OS keyring, when the optional ``keyring`` package is installed and asked for
  (``team login --keyring``); never required.
- A URL given with a password in it works, but ``redacted`` is what pkdesk shows or keeps
  of it anywhere: titles, messages, settings, logs, crash reports.
"""

from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

from pkdesk.core.atomic_file import write_atomically
from pkdesk.core.errors import InputError, StoreError

KEYRING_SERVICE = "pkdesk"
DEFAULT_PORT = 5432


@dataclass(frozen=True)
class Target:
    """Where a team database URL points: what a password file entry is matched against."""

    host: str
    port: int
    dbname: str
    user: str
    password: str | None

    @property
    def key(self) -> str:
        """The keyring's name for this login (no secret in it)."""
        return f"{self.user}@{self.host}:{self.port}/{self.dbname}"


def is_server_url(value: str) -> bool:
    return value.startswith(("postgresql://", "postgresql+psycopg://", "postgres://"))


def parse(url: str) -> Target:
    if not is_server_url(url):
        raise InputError("expected a team database URL (postgresql://USER@HOST/DBNAME)")
    try:
        parts = urlsplit(url)
        port = parts.port or DEFAULT_PORT
    except ValueError as exc:
        raise InputError(f"not a usable team database URL ({redacted(url)}): {exc}") from None
    user = unquote(parts.username or "")
    dbname = unquote(parts.path.lstrip("/"))
    if not parts.hostname or not user or not dbname:
        raise InputError(f"a team database URL names the user, the server and the database: "
                         f"postgresql://USER@HOST/DBNAME (got {redacted(url)})")
    password = unquote(parts.password) if parts.password is not None else None
    return Target(parts.hostname, port, dbname, user, password)


def redacted(url: str) -> str:
    """``url`` with any password replaced by ``***``; anything else unchanged."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "(a URL that cannot be read)"
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    userinfo = netloc[0].split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{userinfo}:***@{netloc[1]}"))


# Passwords met in URLs this process was given: ``scrub`` takes them out of any text pkdesk
# writes where a URL could have slipped in (the crash report, its log).
_seen_passwords: set[str] = set()


def remember_password_of(url: str) -> None:
    """Note ``url``'s password (if any) so that ``scrub`` can hide it wherever it appears."""
    try:
        password = urlsplit(url).password
    except ValueError:
        return
    if password:
        _seen_passwords.update({password, unquote(password)})


def scrub(text: str) -> str:
    """``text`` with every password ``remember_password_of`` saw replaced by ``***``."""
    for password in sorted(_seen_passwords, key=len, reverse=True):
        text = text.replace(password, "***")
    return text


def pgpass_path() -> Path:
    given = os.environ.get("PGPASSFILE")
    if given:
        return Path(given).expanduser()
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", "~")).expanduser() / "postgresql" / "pgpass.conf"
    return Path("~/.pgpass").expanduser()


def check_pgpass() -> None:
    """A password file others can read is refused, with what to do (libpq would ignore it
    and ask the server without a password, which fails with a less helpful message)."""
    if sys.platform == "win32":
        return
    path = pgpass_path()
    try:
        mode = path.stat().st_mode
    except OSError:
        return
    if stat.S_ISREG(mode) and mode & 0o077:
        raise StoreError(f"password file {path} can be read by other users "
                         f"(mode {stat.S_IMODE(mode):04o}); pkdesk uses it only when it is "
                         f"yours alone: chmod 600 {path}")


def _escape(field: str) -> str:
    return field.replace("\\", "\\\\").replace(":", "\\:")


def _fields(line: str) -> list[str]:
    out, current, escaped = [], "", False
    for ch in line:
        if escaped:
            current, escaped = current + ch, False
        elif ch == "\\":
            escaped = True
        elif ch == ":":
            out.append(current)
            current = ""
        else:
            current += ch
    out.append(current)
    return out


def store_in_pgpass(target: Target, password: str) -> Path:
    """Add or replace ``target``'s line in the password file: the whole file written anew,
    mode 0600, or left as it was."""
    check_pgpass()
    path = pgpass_path()
    keep: list[str] = []
    try:
        existing = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        existing = []
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read password file {path}: {exc}") from None
    ours = [target.host, str(target.port), target.dbname, target.user]
    for line in existing:
        if not line.startswith("#") and _fields(line)[:4] == ours:
            continue
        keep.append(line)
    keep.append(":".join(_escape(f) for f in ours + [password]))
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, ("\n".join(keep) + "\n").encode("utf-8"), f"password file {path}")
    return path


def keyring_available() -> bool:
    try:
        import keyring  # type: ignore[import-not-found]  # noqa: F401
    except ImportError:
        return False
    return True


def store_in_keyring(target: Target, password: str) -> None:
    try:
        import keyring
        keyring.set_password(KEYRING_SERVICE, target.key, password)
    except ImportError:
        raise InputError("the OS keyring needs the optional 'keyring' package "
                         "(pip install keyring); without it, pkdesk uses libpq's password "
                         "file") from None
    except Exception as exc:   # keyring's own errors: no backend, locked, refused
        raise InputError(f"the OS keyring refused the password: {exc}") from None


def for_connecting(url: str) -> str:
    """The URL to connect with: as given when it has a password; else, with the password
    from the OS keyring when it holds one (in memory only); else as given, for libpq to
    find the password in its password file, which is refused first if others can read it."""
    try:
        target = parse(url)
    except InputError:
        return url
    if target.password is not None:
        return url
    check_pgpass()
    password = keyring_password(target)
    if password is None:
        return url
    from urllib.parse import quote

    parts = urlsplit(url)
    userinfo, host = parts.netloc.rsplit("@", 1)
    return urlunsplit(parts._replace(netloc=f"{userinfo}:{quote(password, safe='')}@{host}"))


def keyring_password(target: Target) -> str | None:
    """The password the OS keyring holds for ``target``, if keyring is installed and has one."""
    try:
        import keyring
        found = keyring.get_password(KEYRING_SERVICE, target.key)
    except Exception:   # not installed, no backend: libpq's password file is the way then
        return None
    return found if isinstance(found, str) else None
