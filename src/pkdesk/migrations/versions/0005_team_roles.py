"""People and roles on a team database (PostgreSQL only; nothing changes in an SQLite file).

- Group roles ``pkdesk_reader``, ``pkdesk_reviewer``, ``pkdesk_author`` (NOLOGIN), shared by
  every database of the server; a person is a login role made a member of one of them
  (``pkdesk team grant``).
- Grants: a reader reads; a reviewer reads and may append a revision that changes nothing
  but the plan's reviews (``performance.reviews``) and acknowledgements, which the trigger
  ``pkdesk_reviewer_guard`` checks on the server; an author writes plans and revisions and
  their own notes and bookmarks (row-level security on ``note`` and ``bookmark``).
- ``team_audit``: who changed what, when, written by triggers (``session_user``, ``now()``)
  that run as the table's owner, so no client can write or forge a row, and by
  ``pkdesk_team_set``, the one way pkdesk changes a person's role. A revision's ``author``
  is set by the server to the user who saved it (the name the client gave, if another, in
  brackets after it).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

ROLES = ("pkdesk_reader", "pkdesk_reviewer", "pkdesk_author")


UPGRADE = [
    # Roles are the server's, not the database's: a second team database reuses them.
    """
    DO $$
    DECLARE r text;
    BEGIN
      FOREACH r IN ARRAY ARRAY['pkdesk_reader', 'pkdesk_reviewer', 'pkdesk_author'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
          EXECUTE format('CREATE ROLE %I NOLOGIN', r);
        END IF;
      END LOOP;
    END $$
    """,
    """
    CREATE TABLE team_audit (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL DEFAULT session_user,
        action text NOT NULL,
        plan_id integer,
        plan_uid text,
        revision integer,
        detail text NOT NULL DEFAULT ''
    )
    """,
    "CREATE INDEX ix_team_audit_plan ON team_audit (plan_id, at)",
    "CREATE INDEX ix_team_audit_at ON team_audit (at)",
    # Every pkdesk role reads everything; nobody but the owner writes what is not granted.
    "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC",
    "GRANT USAGE ON SCHEMA public TO pkdesk_reader, pkdesk_reviewer, pkdesk_author",
    "GRANT SELECT ON ALL TABLES IN SCHEMA public TO pkdesk_reader, pkdesk_reviewer, "
    "pkdesk_author",
    # Reviewer: a new revision and the plan row's current document, checked by the guard.
    "GRANT INSERT ON plan_revision TO pkdesk_reviewer",
    "GRANT UPDATE (title, parent_uid, document, revision, updated_at) ON plan "
    "TO pkdesk_reviewer",
    "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO pkdesk_reviewer, pkdesk_author",
    # Author: plans and revisions, and their own notes and bookmarks.
    "GRANT INSERT, UPDATE, DELETE ON plan, plan_revision, note, bookmark TO pkdesk_author",
    # Tables later migrations add (run by the same owner) are readable by every role too.
    "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO pkdesk_reader, "
    "pkdesk_reviewer, pkdesk_author",
    "ALTER TABLE note ADD COLUMN owner text NOT NULL DEFAULT session_user",
    "ALTER TABLE bookmark ADD COLUMN owner text NOT NULL DEFAULT session_user",
    "ALTER TABLE note ENABLE ROW LEVEL SECURITY",
    "ALTER TABLE bookmark ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY pkdesk_read ON note FOR SELECT USING (true)",
    "CREATE POLICY pkdesk_own ON note FOR ALL TO pkdesk_author "
    "USING (owner = session_user) WITH CHECK (owner = session_user)",
    "CREATE POLICY pkdesk_read ON bookmark FOR SELECT USING (true)",
    "CREATE POLICY pkdesk_own ON bookmark FOR ALL TO pkdesk_author "
    "USING (owner = session_user) WITH CHECK (owner = session_user)",
    # A plan document less what a reviewer may change (core/plan/file.py's layout): the
    # reviews, the acknowledgements, and the format version they may bring with them; a
    # "performance" object that only held reviews (its other fields empty, as
    # core/plan/performance_file.py writes them) counts as absent.
    """
    CREATE FUNCTION pkdesk_plan_content(document text) RETURNS jsonb
    LANGUAGE plpgsql IMMUTABLE AS $$
    DECLARE d jsonb := document::jsonb #- '{plan,performance,reviews}'
                                       #- '{plan,acknowledgements}' #- '{version}';
    BEGIN
      IF d #> '{plan,performance}' IN (
           '{}'::jsonb, '{"start": "", "next_review": "", "objectives": []}'::jsonb) THEN
        d := d #- '{plan,performance}';
      END IF;
      RETURN d;
    END $$
    """,
    # A reviewer (and not also an author) changes nothing but reviews and acknowledgements.
    """
    CREATE FUNCTION pkdesk_reviewer_guard() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE previous text;
    BEGIN
      IF NOT pg_has_role(session_user, 'pkdesk_reviewer', 'MEMBER')
         OR pg_has_role(session_user, 'pkdesk_author', 'MEMBER') THEN
        RETURN NEW;
      END IF;
      IF TG_TABLE_NAME = 'plan' THEN
        previous := OLD.document;
        IF NEW.uid IS DISTINCT FROM OLD.uid OR NEW.deleted_at IS DISTINCT FROM OLD.deleted_at
           OR NEW.created_at IS DISTINCT FROM OLD.created_at OR NEW.title IS DISTINCT FROM
           OLD.title OR NEW.parent_uid IS DISTINCT FROM OLD.parent_uid
           OR NEW.revision IS DISTINCT FROM OLD.revision + 1 THEN
          previous := NULL;
        END IF;
      ELSE
        SELECT document INTO previous FROM plan_revision
          WHERE plan_id = NEW.plan_id AND number = NEW.number - 1;
      END IF;
      IF previous IS NULL
         OR pkdesk_plan_content(NEW.document) IS DISTINCT FROM
            pkdesk_plan_content(previous) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
          MESSAGE = format('%s may record reviews and acknowledgements but not change the plan '
                           '(role reviewer)', session_user);
      END IF;
      RETURN NEW;
    END $$
    """,
    "CREATE TRIGGER pkdesk_reviewer_guard BEFORE UPDATE ON plan "
    "FOR EACH ROW EXECUTE FUNCTION pkdesk_reviewer_guard()",
    "CREATE TRIGGER pkdesk_reviewer_guard BEFORE INSERT ON plan_revision "
    "FOR EACH ROW EXECUTE FUNCTION pkdesk_reviewer_guard()",
    # A revision's author is the server's user: the history names who really saved it; a
    # different name the client gave (the computer's user name) follows in brackets.
    """
    CREATE FUNCTION pkdesk_revision_author() RETURNS trigger
    LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
    BEGIN
      IF NEW.author IS NULL OR NEW.author = '' OR NEW.author = session_user THEN
        NEW.author := session_user;
      ELSE
        NEW.author := format('%s (%s)', session_user, left(NEW.author, 200));
      END IF;
      RETURN NEW;
    END $$
    """,
    "CREATE TRIGGER pkdesk_revision_author BEFORE INSERT ON plan_revision "
    "FOR EACH ROW EXECUTE FUNCTION pkdesk_revision_author()",
    # The audit trail: each revision says what kind of change it was, decided here.
    f"""
    CREATE FUNCTION pkdesk_audit_revision() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      previous jsonb;
      current jsonb := NEW.document::jsonb;
      what text := 'plan saved';
      uid text;
    BEGIN
      SELECT p.uid INTO uid FROM plan p WHERE p.id = NEW.plan_id;
      IF NEW.number = 1 THEN
        what := 'plan created';
      ELSIF EXISTS (SELECT 1 FROM plan_revision r WHERE r.plan_id = NEW.plan_id
                    AND r.number < NEW.number - 1 AND r.document = NEW.document) THEN
        what := 'plan restored';
      ELSE
        SELECT r.document::jsonb INTO previous FROM plan_revision r
          WHERE r.plan_id = NEW.plan_id AND r.number = NEW.number - 1;
        IF previous IS NOT NULL AND pkdesk_plan_content(NEW.document)
           IS NOT DISTINCT FROM pkdesk_plan_content(previous::text) THEN
          IF (current #> '{{plan,performance,reviews}}')
             IS DISTINCT FROM (previous #> '{{plan,performance,reviews}}') THEN
            what := 'review recorded';
          ELSIF (current #> '{{plan,acknowledgements}}')
             IS DISTINCT FROM (previous #> '{{plan,acknowledgements}}') THEN
            what := 'acknowledgement recorded';
          END IF;
        END IF;
      END IF;
      INSERT INTO team_audit (action, plan_id, plan_uid, revision, detail)
        VALUES (what, NEW.plan_id, uid, NEW.number, NEW.summary);
      RETURN NULL;
    END $$
    """,
    "CREATE TRIGGER pkdesk_audit_revision AFTER INSERT ON plan_revision "
    "FOR EACH ROW EXECUTE FUNCTION pkdesk_audit_revision()",
    """
    CREATE FUNCTION pkdesk_audit_plan() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        INSERT INTO team_audit (action, plan_id, plan_uid, revision, detail)
          VALUES ('plan erased', OLD.id, OLD.uid, OLD.revision, OLD.title);
        RETURN NULL;
      END IF;
      IF OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL THEN
        INSERT INTO team_audit (action, plan_id, plan_uid, revision, detail)
          VALUES ('plan deleted', NEW.id, NEW.uid, NEW.revision, NEW.title);
      ELSIF OLD.deleted_at IS NOT NULL AND NEW.deleted_at IS NULL THEN
        INSERT INTO team_audit (action, plan_id, plan_uid, revision, detail)
          VALUES ('plan undeleted', NEW.id, NEW.uid, NEW.revision, NEW.title);
      END IF;
      RETURN NULL;
    END $$
    """,
    "CREATE TRIGGER pkdesk_audit_plan AFTER UPDATE OF deleted_at OR DELETE ON plan "
    "FOR EACH ROW EXECUTE FUNCTION pkdesk_audit_plan()",
    # The one way pkdesk changes a person's role: revoke the others, grant the new one (NULL:
    # none), and say so in the audit trail. Runs with the caller's rights (CREATEROLE).
    """
    CREATE FUNCTION pkdesk_team_set(person text, new_role text) RETURNS void
    LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
    DECLARE r text;
    BEGIN
      IF new_role IS NOT NULL AND new_role NOT IN ('reader', 'reviewer', 'author') THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
          MESSAGE = format('no pkdesk role %s', new_role);
      END IF;
      FOREACH r IN ARRAY ARRAY['reader', 'reviewer', 'author'] LOOP
        IF r IS DISTINCT FROM new_role
           AND EXISTS (SELECT 1 FROM pg_auth_members m
                       WHERE m.roleid = ('pkdesk_' || r)::regrole
                         AND m.member = person::regrole) THEN
          EXECUTE format('REVOKE %I FROM %I', 'pkdesk_' || r, person);
        END IF;
      END LOOP;
      IF new_role IS NOT NULL THEN
        EXECUTE format('GRANT %I TO %I', 'pkdesk_' || new_role, person);
        INSERT INTO team_audit (action, detail)
          VALUES ('role granted', format('%s: %s', person, new_role));
      ELSE
        INSERT INTO team_audit (action, detail) VALUES ('role revoked', person);
      END IF;
    END $$
    """,
    "REVOKE ALL ON FUNCTION pkdesk_team_set(text, text) FROM PUBLIC",
    "GRANT SELECT ON team_audit TO pkdesk_reader, pkdesk_reviewer, pkdesk_author",
]

DOWNGRADE = [
    "DROP FUNCTION pkdesk_team_set(text, text)",
    "DROP TRIGGER pkdesk_audit_plan ON plan",
    "DROP FUNCTION pkdesk_audit_plan()",
    "DROP TRIGGER pkdesk_audit_revision ON plan_revision",
    "DROP FUNCTION pkdesk_audit_revision()",
    "DROP TRIGGER pkdesk_revision_author ON plan_revision",
    "DROP FUNCTION pkdesk_revision_author()",
    "DROP TRIGGER pkdesk_reviewer_guard ON plan_revision",
    "DROP TRIGGER pkdesk_reviewer_guard ON plan",
    "DROP FUNCTION pkdesk_reviewer_guard()",
    "DROP FUNCTION pkdesk_plan_content(text)",
    "DROP POLICY pkdesk_own ON bookmark",
    "DROP POLICY pkdesk_read ON bookmark",
    "DROP POLICY pkdesk_own ON note",
    "DROP POLICY pkdesk_read ON note",
    "ALTER TABLE bookmark DISABLE ROW LEVEL SECURITY",
    "ALTER TABLE note DISABLE ROW LEVEL SECURITY",
    "ALTER TABLE bookmark DROP COLUMN owner",
    "ALTER TABLE note DROP COLUMN owner",
    "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM pkdesk_reader, pkdesk_reviewer, "
    "pkdesk_author",
    "REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM pkdesk_reader, pkdesk_reviewer, "
    "pkdesk_author",
    "REVOKE USAGE ON SCHEMA public FROM pkdesk_reader, pkdesk_reviewer, pkdesk_author",
    "ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT ON TABLES FROM pkdesk_reader, "
    "pkdesk_reviewer, pkdesk_author",
    "DROP TABLE team_audit",
    # The roles stay: other databases of the server may use them.
]


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in DOWNGRADE:
        op.execute(statement)
