"""Open a file the user named for reading, refusing anything that is not a regular file.

A FIFO named as a plan or rule file would block ``open()`` forever (no writer ever comes),
and a device would stream junk. The file is opened non-blocking and ``fstat``-ed before a
single byte is read, so the check and the read are about the same file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from pkdesk.core.errors import InputError


def file_kind(mode: int) -> str:
    """What a non-regular file is, in words for a message."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _shown(path: str | os.PathLike[str]) -> str:
    return os.fspath(path).replace("\x00", "\\x00")


def open_regular(path: str | os.PathLike[str], what: str) -> BinaryIO:
    """``path`` opened for binary reading; InputError if it is not a regular file (named
    ``what``, e.g. "plan file"). Other OSErrors (missing, denied) propagate unchanged."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except ValueError:      # a NUL in the name: no file can have it
        raise InputError(f"cannot read {what} {_shown(path)}: a file name cannot contain NUL") \
            from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise InputError(f"{Path(path)} is {file_kind(mode)}, not a {what}")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
