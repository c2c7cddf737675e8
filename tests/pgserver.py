"""A real, private PostgreSQL server for the tests: Debian's package, loopback only.

    server = PgServer.start()      # initdb + pg_ctl start in a fresh temporary folder
    url = server.url(server.create_database())
    ...
    server.stop(); server.start_again()    # what a connection-loss test does
    server.destroy()               # stop it and remove its folder; nothing is left running

The cluster is made with ``initdb -A scram-sha-256``: every login, over TCP on 127.0.0.1 or
over the private Unix socket in the temporary folder, needs a password, so per-user roles
(``team``) behave as on a real server. The superuser is ``SUPERUSER`` with ``password``.
``fsync=off``: a test server need not survive a power cut.

When we are root (CI containers), ``initdb`` and ``postgres`` refuse to run: they run as
the ``postgres`` OS user, which owns the temporary folder.

``unavailable_reason()`` says why no server can be started here (no binaries, no psycopg),
or None; ``tests/conftest.py`` turns that into a skip, or a failure under
``PKDESK_REQUIRE_PG=1`` (which ``.ci/run`` sets).
"""

from __future__ import annotations

import atexit
import glob
import itertools
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

SUPERUSER = "pkdesk_admin"
REQUIRE_ENV = "PKDESK_REQUIRE_PG"
INSTALL_HINT = ("install the 'postgresql' package (Debian/Ubuntu: apt-get install postgresql) "
                "and psycopg (pip install 'psycopg[binary]')")


def find_bindir() -> Path | None:
    """The folder holding initdb, pg_ctl and postgres: $PKDESK_PG_BINDIR (alone), Debian's
    /usr/lib/postgresql/<newest>/bin, then PATH."""
    wanted = os.environ.get("PKDESK_PG_BINDIR")
    if wanted:    # that folder only (tests/pg/test_pg_required.py points it at nothing)
        bindir = Path(wanted)
        ok = all((bindir / tool).is_file() for tool in ("initdb", "pg_ctl", "postgres"))
        return bindir if ok else None
    candidates = []
    found = glob.glob("/usr/lib/postgresql/*/bin")
    found.sort(key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit() else 0,
               reverse=True)
    candidates += [Path(p) for p in found]
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(Path(on_path).parent)
    for bindir in candidates:
        if all((bindir / tool).is_file() for tool in ("initdb", "pg_ctl", "postgres")):
            return bindir
    return None


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def unavailable_reason() -> str | None:
    """Why a test server cannot be started on this machine, or None when it can."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return f"psycopg is not installed; {INSTALL_HINT}"
    if find_bindir() is None:
        return f"PostgreSQL server binaries (initdb, pg_ctl) not found; {INSTALL_HINT}"
    if _is_root():
        import pwd

        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return ("running as root, and PostgreSQL refuses root: there is no 'postgres' "
                    "OS user to run it as; " + INSTALL_HINT)
        if shutil.which("runuser") is None:
            return "running as root and 'runuser' is missing (package util-linux)"
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgServer:
    """One running test cluster. Use ``PgServer.start()``; always ``destroy()`` it."""

    _names = itertools.count(1)

    def __init__(self, bindir: Path, root: Path, port: int, password: str) -> None:
        self.bindir = bindir
        self.root = root            # owned by the server's OS user; holds data, socket, log
        self.data = root / "data"
        self.socket_dir = root / "sock"
        self.log = root / "server.log"
        self.host = "127.0.0.1"
        self.port = port
        self.superuser = SUPERUSER
        self.password = password
        self._running = False

    # -- lifecycle -------------------------------------------------------------------------
    @classmethod
    def start(cls) -> PgServer:
        reason = unavailable_reason()
        if reason is not None:
            raise RuntimeError(reason)
        bindir = find_bindir()
        assert bindir is not None
        root = Path(tempfile.mkdtemp(prefix="pkdesk-pg-"))
        password = secrets.token_hex(16)
        server = cls(bindir, root, 0, password)
        try:
            server.socket_dir.mkdir()
            pwfile = root / "pwfile"
            pwfile.write_text(password + "\n")
            if _is_root():
                shutil.chown(root, "postgres", "postgres")
                shutil.chown(server.socket_dir, "postgres", "postgres")
                shutil.chown(pwfile, "postgres", "postgres")
            os.chmod(root, 0o700)
            os.chmod(pwfile, 0o600)
            server._run("initdb", "-D", str(server.data), "-U", SUPERUSER, "-A", "scram-sha-256",
                        f"--pwfile={pwfile}", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
            pwfile.unlink()
            with (server.data / "postgresql.conf").open("a") as conf:
                conf.write(
                    "\n# pkdesk test server\n"
                    "listen_addresses = '127.0.0.1'\n"
                    f"unix_socket_directories = '{server.socket_dir}'\n"
                    "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
                    "shared_buffers = 16MB\nmax_connections = 100\n"
                    "log_min_messages = warning\n")
            server.start_again()
        except BaseException:
            server.destroy()
            raise
        atexit.register(server.destroy)   # a crashed session still leaves nothing running
        return server

    def start_again(self, attempts: int = 5) -> None:
        """Start the (stopped) server; on the same port when it had one, else a free one."""
        for attempt in range(attempts):
            if not self.port or attempt:
                self.port = free_port()
            done = self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60",
                             "-o", f"-p {self.port}", "start", check=False)
            if done.returncode == 0:
                self._running = True
                return
            if attempt == 0 and self.port:
                continue   # the old port was taken meanwhile: take another
        raise RuntimeError(f"PostgreSQL test server did not start: {self.log_tail()}")

    def stop(self, mode: str = "fast") -> None:
        """Stop the server (the data stays): what a network cut looks like to a client."""
        if self._running:
            self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop", check=False)
            self._running = False

    def destroy(self) -> None:
        """Stop the server and remove its folder. Safe to call twice."""
        if self.data.exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop",
                      check=False)
        self._running = False
        shutil.rmtree(self.root, ignore_errors=True)

    @property
    def running(self) -> bool:
        return self._running

    def log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no server log)"

    def _run(self, tool: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = [str(self.bindir / tool), *args]
        if _is_root():
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, cwd=self.root,
                              stdin=subprocess.DEVNULL, timeout=120)
        if check and done.returncode != 0:
            raise RuntimeError(f"{tool} failed ({done.returncode}): "
                               f"{(done.stderr or done.stdout).strip()}")
        return done

    # -- databases and URLs ----------------------------------------------------------------
    def url(self, dbname: str = "postgres", user: str | None = None,
            password: str | None = None) -> str:
        """A SQLAlchemy URL (``postgresql+psycopg://...``) for ``dbname``; the superuser's
        unless ``user`` (and its ``password``) are given."""
        from urllib.parse import quote

        if user is None:
            user, password = self.superuser, self.password
        auth = quote(user, safe="")
        if password is not None:
            auth += ":" + quote(password, safe="")
        return f"postgresql+psycopg://{auth}@{self.host}:{self.port}/{dbname}"

    def dsn(self, dbname: str = "postgres") -> str:
        """A libpq connection string for psycopg.connect, as the superuser."""
        return (f"host={self.host} port={self.port} dbname={dbname} "
                f"user={self.superuser} password={self.password}")

    def execute(self, sql: str, dbname: str = "postgres") -> None:
        """Run one statement as the superuser, outside a transaction (CREATE DATABASE...)."""
        import psycopg

        with psycopg.connect(self.dsn(dbname), autocommit=True) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def create_database(self, name: str | None = None) -> str:
        """A fresh empty database; returns its name."""
        name = name or f"t{os.getpid()}_{next(self._names)}"
        self.execute(f'CREATE DATABASE "{name}"')
        return name

    def drop_database(self, name: str) -> None:
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
