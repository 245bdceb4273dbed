-- The audit log: each row is one line as the file keeps it (its number `seq` and the SHA-256
-- `prev` of the line before), so the chain reads and verifies the same. Append-only: the
-- role that runs this migration (the bot's) loses UPDATE, DELETE and TRUNCATE on it, and a
-- trigger refuses them even to a role that has them (a superuser, the owner granting them back).
CREATE TABLE audit (
  seq         bigint PRIMARY KEY,
  line        text   NOT NULL,
  hash        text   NOT NULL,
  at          timestamptz NOT NULL,
  request_id  bigint
);
CREATE INDEX audit_request ON audit (request_id) WHERE request_id IS NOT NULL;
CREATE INDEX audit_at ON audit (at);

CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();

REVOKE UPDATE, DELETE, TRUNCATE ON audit FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON audit FROM CURRENT_USER;
