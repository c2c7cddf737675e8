"""Where pkdesk may write a file the user named, and how it writes one: the one rule.

Every writer of a user-chosen file (PDF exports of plans, comparisons and the reference,
plan exports, ``backup -o``), from the CLI or the window, passes the path through
``check_output_path`` before writing anything. A path is refused when it is empty, when it
is (or is a link to) a folder, device, FIFO or socket, when it is a pkdesk database this
process uses or one of its ``-wal``/``-shm``/``-journal`` files, or when it lies in that
database's backups folder. ``write_private_file`` then writes the bytes atomically into a
new owner-only (0600) file, whatever the umask.

Only the standard library (and ``store.leftovers``, which names the backups folder and
imports nothing else) is used: the CLI and the window both use this without loading
SQLAlchemy or Qt.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from pkdesk.core.atomic_file import write_atomically
from pkdesk.core.errors import InputError
from pkdesk.core.inputfile import file_kind
from pkdesk.store.leftovers import BACKUP_DIR_NAME   # standard library only, too

SIDE_SUFFIXES = ("-wal", "-shm", "-journal", "-checked")   # (-checked: checked_stamp)

# Databases this process has opened or was pointed at (pkdesk.store.db.Database.open and the
# CLI register them): no output may land on them, their side files or their backups.
_protected: set[Path] = set()


def shown(path: str | os.PathLike[str]) -> str:
    """A path for a one-line message: control and other unprintable characters escaped."""
    return "".join(c if c.isprintable() else
                   (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}" if ord(c) < 0x10000
                    else f"\\U{ord(c):08x}") for c in os.fspath(path))


def _real(path: str | os.PathLike[str]) -> Path:
    return Path(os.path.realpath(Path(os.path.expanduser(path)).absolute()))


def protect_database(db_path: str | os.PathLike[str]) -> None:
    """Never let an output overwrite this database, its side files or its backups."""
    if os.fspath(db_path):
        _protected.add(_real(db_path))


# Files the running command reads (a plan file, a rule pack): `export plan.json -o plan.json`
# must not turn its own input into a PDF.
_inputs: set[Path] = set()


def protect_input(path: str | os.PathLike[str]) -> None:
    """Never let an output of this process overwrite the file ``path`` it read."""
    if os.fspath(path):
        _inputs.add(_real(path))


def _same_name(a: Path, b: Path) -> bool:
    """Same file name in the same folder (names compared caselessly: on a case-insensitive
    disk ``PKDESK.SQLITE3`` is the database too, and refusing it elsewhere costs nothing)."""
    if a.name.casefold() != b.name.casefold():
        return False
    if a.parent == b.parent:
        return True
    try:
        return os.path.samefile(a.parent, b.parent)
    except OSError:
        return False


def _within(path: Path, folder: Path) -> bool:
    try:
        if path.is_relative_to(folder):
            return True
        probe = path.parent
        while probe != probe.parent:
            if probe.name.casefold() == folder.name.casefold() and probe.exists() \
                    and folder.exists() and os.path.samefile(probe, folder):
                return True
            probe = probe.parent
    except OSError:
        return False
    return False


def _protected_problem(real: Path, st: os.stat_result | None, allow_backups: bool) -> str | None:
    for db in sorted(_protected):
        names = {db: "pkdesk's database"} | {
            db.with_name(db.name + s): f"pkdesk's database file {shown(db.name + s)}" for s in SIDE_SUFFIXES}
        for protected, what in names.items():
            if _same_name(real, protected):
                return f"it is {what}"
            if st is not None and _same_inode(st, protected):
                return f"it is {what} (another name for the same file)"
        if not allow_backups and _within(real, db.parent / BACKUP_DIR_NAME):
            return "it is in pkdesk's backups folder"
    for read in sorted(_inputs):
        if _same_name(real, read) or (st is not None and _same_inode(st, read)):
            return "it is a file this command reads"
    return None


def _same_inode(st: os.stat_result, other: Path) -> bool:
    try:
        o = os.stat(other)
    except OSError:
        return False
    return (o.st_dev, o.st_ino) == (st.st_dev, st.st_ino)


def check_output_path(path: str | os.PathLike[str], *, what: str = "output file",
                      allow_backups: bool = False) -> Path:
    """The absolute path (symbolic links resolved) to write ``path``'s content to; InputError
    with one line saying why when pkdesk must not write there. Nothing is created."""
    text = os.fspath(path)
    if not text.strip():
        raise InputError(f"{what}: no file name given")
    given = Path(os.path.expanduser(text)).absolute()   # ".." left to the OS: links first
    try:
        st: os.stat_result | None = os.stat(given)     # follows links: what would be written
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise InputError(f"cannot write {shown(given)}: {exc.strerror or exc}") from None
    except ValueError:      # a NUL in the name
        raise InputError(f"cannot write {shown(given)}: a file name cannot contain NUL") from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise InputError(f"cannot write {shown(given)}: it is {file_kind(st.st_mode)}, "
                         "not a regular file; choose a file name")
    real = _real(given)
    problem = _protected_problem(real, st, allow_backups)
    if problem is not None:
        raise InputError(f"cannot write {shown(given)}: {problem}; choose another file name")
    folder = real.parent
    if not folder.is_dir():
        raise InputError(f"cannot write {shown(given)}: folder {shown(folder)} does not exist")
    if not os.access(folder, os.W_OK):
        raise InputError(f"cannot write {shown(given)}: folder {shown(folder)} is not writable")
    return real


def write_private_file(path: str | os.PathLike[str], data: bytes, *,
                       what: str = "output file") -> Path:
    """Write ``data`` to ``path`` (checked by ``check_output_path``) atomically: a new
    owner-only temporary file in the same folder, fsynced, then renamed over. A file already
    there is replaced whole or left as it was. Returns the path written."""
    target = check_output_path(path, what=what)
    write_atomically(target, data, shown(target))
    return target

