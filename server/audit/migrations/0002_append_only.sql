-- idguard shared audit store, schema version 2: entries are append-only in the database itself.
-- An UPDATE, DELETE or TRUNCATE of `audit` is refused, and a repository's head only moves forward, for every
-- role (the table owner and superusers included) unless triggers are disabled, which takes ownership or
-- superuser rights. Whoever has those can still rewrite rows; `idguard audit verify` and the checkpoints
-- held outside the database are what show it then (docs/store.md, threat model).

CREATE FUNCTION idguard_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'idguard audit entries are append-only: % refused', TG_OP;
END
$$;

CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit
    FOR EACH ROW EXECUTE FUNCTION idguard_audit_append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
    FOR EACH STATEMENT EXECUTE FUNCTION idguard_audit_append_only();

CREATE FUNCTION idguard_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR NEW.repo <> OLD.repo OR NEW.log_id <> OLD.log_id OR NEW.keyed <> OLD.keyed
       OR NEW.head_seq < OLD.head_seq THEN
        RAISE EXCEPTION 'idguard chain heads only move forward: % refused', TG_OP;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER chains_forward_only BEFORE UPDATE OR DELETE ON chains
    FOR EACH ROW EXECUTE FUNCTION idguard_head_forward_only();
CREATE TRIGGER chains_no_truncate BEFORE TRUNCATE ON chains
    FOR EACH STATEMENT EXECUTE FUNCTION idguard_head_forward_only();
