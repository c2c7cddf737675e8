"""Writing a file whole or not at all: a new owner-only temporary file in the same folder,
fsynced, then renamed over the target, and the folder fsynced. A file already there is
replaced whole or left as it was; a failure leaves no temporary file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from pkdesk.core.errors import InputError


def write_atomically(path: Path, data: bytes, described: str) -> None:
    """Write ``data`` to ``path``; an InputError "cannot write {described}: …" if it fails.
    The file is mode 0600 whatever the umask (``mkstemp`` creates it so)."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(f"cannot write {described}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp_name, path)
    except OSError as exc:
        _remove_quietly(tmp_name)
        raise InputError(f"cannot write {described}: {exc.strerror or exc}") from None
    except BaseException:
        _remove_quietly(tmp_name)
        raise
    _fsync_dir(folder)


def _remove_quietly(name: str) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
