"""One window per database: `pkdesk FILE` while pkdesk is open hands FILE to that window.

The two talk over a local socket (`QLocalServer`: a Unix domain socket, a named pipe on
Windows), never a network one. The name is per user and per database file, so two users, or
one user's two databases, each keep their own window. On Unix the socket lives in the user's
private runtime folder (`$XDG_RUNTIME_DIR`) when there is one, and is owner-only anyway.

The message is one line of UTF-8 JSON, `{"open": ["/abs/path", ...]}`; the window answers
`ok` once it has taken the files, and the second launch then exits. Anything else (no
window, no answer, a refusal) and the second launch opens its own window as usual.

The running window starts listening once its database is attached (after the first paint),
and the second launch looks for it only when it has files to hand over: a plain `pkdesk`
pays nothing for this (benchmarks/bench_startup.py).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalSocket

MAX_MESSAGE = 1 << 20       # bytes: a few thousand paths; anything longer is refused
CONNECT_MS = 300
ANSWER_MS = 3000            # the window may be busy (a check, an export) for a moment


def _user() -> str:
    getuid = getattr(os, "getuid", None)
    if getuid is not None:
        return str(getuid())
    return os.environ.get("USERNAME", "") + "@" + os.environ.get("USERDOMAIN", "")


def _fnv1a_64(data: bytes) -> int:
    """A stable 64-bit hash (FNV-1a) without importing hashlib, whose OpenSSL costs ~10 ms
    on the start-up path; names need to differ, not to resist an attacker."""
    value = 0xcbf29ce484222325
    for byte in data:
        value = ((value ^ byte) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return value


def server_name(db_path: Path) -> str:
    """The local socket's name for this user and database (a full path on Unix)."""
    key = f"{_user()}\0{os.path.abspath(db_path)}".encode("utf-8", "surrogatepass")
    name = f"pkdesk-{_fnv1a_64(key):016x}"
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if sys.platform != "win32" and runtime and os.path.isdir(runtime):
        return os.path.join(runtime, name)
    return name


def _may_be_listening(name: str) -> bool:
    """False when no socket or pipe of that name exists: then there is no window to ask,
    and QtNetwork (~15 ms to load) is not even imported. Mirrors where Qt puts them."""
    if sys.platform == "win32":
        return os.path.exists("\\\\.\\pipe\\" + name)
    if os.path.isabs(name):
        return os.path.exists(name)
    return os.path.exists(os.path.join(os.environ.get("TMPDIR") or "/tmp", name))  # QDir::tempPath


def encode(paths: Sequence[str | os.PathLike[str]]) -> bytes:
    return json.dumps({"open": [os.path.abspath(p) for p in paths]}).encode() + b"\n"


def decode(line: bytes) -> list[str] | None:
    """The paths of one message, or None if it is not one (it is then refused)."""
    try:
        doc = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(doc, dict) or set(doc) != {"open"} or not isinstance(doc["open"], list):
        return None
    paths = doc["open"]
    if not all(isinstance(p, str) and p and "\0" not in p for p in paths):
        return None
    return paths


def hand_over(db_path: Path, paths: Sequence[str | os.PathLike[str]]) -> bool:
    """Give `paths` to the pkdesk window already open on `db_path`; False when there is
    none or it did not take them (then this process opens its own window)."""
    name = server_name(db_path)
    if not _may_be_listening(name):
        return False
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_MS):
        return False
    try:
        socket.write(encode(paths))
        if not socket.waitForBytesWritten(ANSWER_MS):
            return False
        answer = b""
        while b"\n" not in answer:
            if not socket.waitForReadyRead(ANSWER_MS):
                return False
            answer += bytes(socket.readAll().data())
        return answer.split(b"\n", 1)[0] == b"ok"
    finally:
        socket.abort()


class InstanceServer(QObject):
    """Listens for files handed over by a second launch; `files_received` carries them."""

    files_received = Signal(list)

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtNetwork import QLocalServer

        self.name = server_name(db_path)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        """Start listening; False when another window already serves this database."""
        from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

        if self.server.listen(self.name):
            return True
        if self.server.serverError() != QAbstractSocket.SocketError.AddressInUseError:
            return False
        probe = QLocalSocket()
        probe.connectToServer(self.name)
        if probe.waitForConnected(CONNECT_MS):
            probe.abort()           # a live pkdesk answers: it keeps the name
            return False
        QLocalServer.removeServer(self.name)   # a crashed pkdesk's socket file, left behind
        return self.server.listen(self.name)

    def close(self) -> None:
        self.server.close()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._drop(s))

    def _drop(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()

    def _read(self, socket: QLocalSocket) -> None:
        if socket not in self._buffers:
            return
        data = self._buffers[socket] + bytes(socket.readAll().data())
        if b"\n" not in data:
            if len(data) > MAX_MESSAGE:
                self._answer(socket, b"refused\n")
            else:
                self._buffers[socket] = data
            return
        paths = decode(data.split(b"\n", 1)[0])
        self._answer(socket, b"refused\n" if paths is None else b"ok\n")
        if paths is not None:
            self.files_received.emit(paths)

    def _answer(self, socket: QLocalSocket, answer: bytes) -> None:
        self._buffers.pop(socket, None)
        socket.write(answer)
        socket.flush()
        socket.disconnectFromServer()
