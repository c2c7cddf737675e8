"""People and roles on a team database (PostgreSQL): who may do what, and who did what.

The server enforces the roles (migration 0005: grants, the reviewer guard trigger, row-level
security on notes and bookmarks) and writes the audit trail itself; this module only asks it
and says its answers in plain words. Nothing here runs on an SQLite file: a file on this
computer has one user, and ``require_team`` says so in one line.

No password passes through here in clear to the server: a new person's initial password is
sent as a SCRAM-SHA-256 verifier computed on this side, so it is in no server log either.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

from pkdesk.core.errors import InputError, StoreError

ROLES = ("author", "reviewer", "reader")
GROUP_PREFIX = "pkdesk_"

NOT_A_TEAM_DATABASE = ("team roles need a team database (PostgreSQL); "
                       "this is a file on this computer")

# Login role names pkdesk creates: what a person's account name looks like, and never a
# PostgreSQL-reserved (pg_) or pkdesk group name.
_USER_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.@-]{0,62}")
SQLSTATE_INSUFFICIENT_PRIVILEGE = "42501"


@dataclass(frozen=True)
class Member:
    user: str
    role: str           # author, reviewer, reader
    can_login: bool


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    actor: str
    action: str
    plan_id: int | None
    plan_uid: str | None
    revision: int | None
    detail: str


@dataclass(frozen=True)
class Access:
    """What the connected user may do: ``role`` is None for the database's owner or another
    user outside the pkdesk roles (an administrator), who is not limited by pkdesk."""

    user: str
    role: str | None

    @property
    def read_only(self) -> bool:
        return self.role in ("reader", "none")

    @property
    def may_edit_plans(self) -> bool:
        return self.role in (None, "author")


def is_team(engine: Engine | Connection) -> bool:
    return engine.dialect.name == "postgresql"


def require_team(engine: Engine | Connection) -> None:
    if not is_team(engine):
        raise InputError(NOT_A_TEAM_DATABASE)


def check_user_name(user: str) -> str:
    if not _USER_NAME.fullmatch(user) or user.lower().startswith(("pg_", GROUP_PREFIX)):
        raise InputError(f"{user!r} cannot be a team user name: use letters, digits and "
                         "_ . @ - (up to 63, starting with a letter), not starting with "
                         "pg_ or pkdesk_")
    return user


def check_role(role: str) -> str:
    if role not in ROLES:
        raise InputError(f"no role {role!r}: choose author, reviewer or reader")
    return role


def scram_verifier(password: str, iterations: int = 4096) -> str:
    """The SCRAM-SHA-256 secret PostgreSQL stores for ``password`` (RFC 5802/7677), as its
    ``CREATE ROLE ... PASSWORD`` accepts it: the password itself never reaches the server."""
    salt = secrets.token_bytes(16)
    salted = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    client_key = hmac.new(salted, b"Client Key", "sha256").digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", "sha256").digest()

    def b64(data: bytes) -> str:
        return base64.b64encode(data).decode("ascii")

    return f"SCRAM-SHA-256${iterations}:{b64(salt)}${b64(stored_key)}:{b64(server_key)}"


def generate_password() -> str:
    """An initial password to hand over: 4 groups of 5 letters and digits, easy to read out."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"   # no 0/o, 1/l/i
    return "-".join("".join(secrets.choice(alphabet) for _ in range(5)) for _ in range(4))


def _quote_ident(conn: Connection, name: str) -> str:
    return conn.dialect.identifier_preparer.quote_identifier(name)


def _role_exists(conn: Connection, user: str) -> bool:
    return conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :u"),
                        {"u": user}).first() is not None


def grant(conn: Connection, user: str, role: str, password: str | None) -> bool:
    """Give ``user`` the pkdesk ``role`` (and only that one); creates the login role with
    ``password`` when it does not exist yet. Returns whether it was created."""
    require_team(conn)
    check_user_name(user)
    check_role(role)
    created = False
    if not _role_exists(conn, user):
        if password is None:
            raise InputError(f"{user} has no account on the server yet: give an initial "
                             "password")
        verifier = scram_verifier(password)   # base64, '$' and ':' only: a safe literal
        conn.exec_driver_sql(f"CREATE ROLE {_quote_ident(conn, user)} LOGIN "
                             f"PASSWORD '{verifier}'")
        created = True
    conn.execute(text("SELECT pkdesk_team_set(:u, :r)"), {"u": user, "r": role})
    return created


def revoke(conn: Connection, user: str) -> str | None:
    """Take every pkdesk role from ``user`` (the login role stays: it may own things);
    returns the role they had, or None."""
    require_team(conn)
    check_user_name(user)
    if not _role_exists(conn, user):
        raise InputError(f"no user {user} on this server")
    had = role_of(conn, user)
    conn.execute(text("SELECT pkdesk_team_set(:u, NULL)"), {"u": user})
    return had


def role_of(conn: Connection, user: str) -> str | None:
    """The pkdesk role ``user`` is a direct member of (the strongest, if several)."""
    rows = conn.execute(text(
        "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
        "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = :u"), {"u": user}).scalars()
    held = {name[len(GROUP_PREFIX):] for name in rows if name.startswith(GROUP_PREFIX)}
    return next((r for r in ROLES if r in held), None)


def members(conn: Connection) -> list[Member]:
    """Everyone holding a pkdesk role on this server, by name."""
    require_team(conn)
    rows = conn.execute(text(
        "SELECT u.rolname, g.rolname, u.rolcanlogin FROM pg_auth_members m "
        "JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member "
        "WHERE g.rolname IN ('pkdesk_author', 'pkdesk_reviewer', 'pkdesk_reader') "
        "ORDER BY u.rolname")).all()
    best: dict[str, Member] = {}
    for user, group, can_login in rows:
        role = str(group)[len(GROUP_PREFIX):]
        held = best.get(user)
        if held is None or ROLES.index(role) < ROLES.index(held.role):
            best[user] = Member(str(user), role, bool(can_login))
    return list(best.values())


def audit(conn: Connection, plan_id: int | None = None, since: datetime | None = None,
          limit: int = 10_000) -> list[AuditEntry]:
    """The audit trail, oldest first: every entry the server wrote (``team_audit``)."""
    require_team(conn)
    where: list[str] = []
    params: dict[str, Any] = {"limit": limit}
    if plan_id is not None:
        where.append("plan_id = :plan_id")
        params["plan_id"] = plan_id
    if since is not None:
        where.append("at >= :since")
        params["since"] = since
    sql = ("SELECT at, actor, action, plan_id, plan_uid, revision, detail FROM team_audit"
           + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY at, id LIMIT :limit")
    return [AuditEntry(*row) for row in conn.execute(text(sql), params).all()]


def access(conn: Connection) -> Access:
    """Who this connection is, and which pkdesk role bounds what it may do."""
    row = conn.execute(text(
        "SELECT session_user, "
        "pg_has_role(session_user, 'pkdesk_author', 'MEMBER'), "
        "pg_has_role(session_user, 'pkdesk_reviewer', 'MEMBER'), "
        "pg_has_role(session_user, 'pkdesk_reader', 'MEMBER'), "
        "EXISTS (SELECT 1 FROM pg_roles WHERE rolname = session_user AND rolsuper), "
        "session_user = (SELECT pg_get_userbyid(datdba) FROM pg_database "
        "                WHERE datname = current_database())")).one()
    user, author, reviewer, reader, superuser, owner = row
    if superuser or owner or author:
        return Access(str(user), None if (superuser or owner) else "author")
    if reviewer:
        return Access(str(user), "reviewer")
    return Access(str(user), "reader" if reader else "none")   # "none": revoked


def refusal(exc: BaseException, conn_user: Access | None) -> StoreError | None:
    """A write the server refused for lack of privilege, as one plain sentence; None for any
    other error."""
    orig: Any = getattr(exc, "orig", exc)
    if getattr(orig, "sqlstate", None) != SQLSTATE_INSUFFICIENT_PRIVILEGE:
        return None
    if conn_user is not None and conn_user.read_only:
        return ReadOnlyError(read_only_message(conn_user))
    first = str(getattr(getattr(orig, "diag", None), "message_primary", None) or orig)
    return PermissionRefused(f"the team database refused this change: {first.splitlines()[0]}")


def refusal_for(engine: Engine, exc: BaseException) -> StoreError | None:
    """``refusal`` for an error met on ``engine``: who is refused is asked on a fresh
    connection (the failed transaction cannot answer)."""
    orig: Any = getattr(exc, "orig", exc)
    if getattr(orig, "sqlstate", None) != SQLSTATE_INSUFFICIENT_PRIVILEGE:
        return None
    try:
        with engine.connect() as conn:
            who: Access | None = access(conn)
    except DBAPIError:
        who = None
    return refusal(exc, who)


def read_only_message(who: Access) -> str:
    if who.role == "none":
        return f"you have no access to the team database as {who.user} (no role)"
    return (f"you have read-only access to the team database as {who.user} "
            f"(role {who.role})")


class PermissionRefused(StoreError):
    """The server refused a change this user's role does not allow."""


class ReadOnlyError(PermissionRefused):
    """The connected user may only read this team database."""


def is_refusal(exc: DBAPIError) -> bool:
    return getattr(exc.orig, "sqlstate", None) == SQLSTATE_INSUFFICIENT_PRIVILEGE
