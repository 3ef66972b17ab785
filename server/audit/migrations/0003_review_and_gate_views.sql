-- idguard shared audit store, schema version 3: the review records, their decisions and the gate results of
-- every repository, as views over the hash-chained entries (so each row an auditor reads is covered by
-- `idguard audit verify`; nothing is written twice). A `guard_change` entry with verdict `review` carries the
-- whole review record; `approval`/`rejection` entries carry the signed decision's hashes and whether its
-- signature verified when it was made; `gate` and `gate_file` entries carry the gate's results.

CREATE VIEW reviews AS
SELECT repo, review_id, seq, ts, actor, path,
       data::jsonb ->> 'record' AS record,
       data::jsonb ->> 'record_sha256' AS record_sha256,
       COALESCE(data::jsonb ->> 'sha256', data::jsonb ->> 'deleted_sha256') AS content_sha256,
       COALESCE((data::jsonb ->> 'deletion')::boolean, false) AS deletion,
       data::jsonb ->> 'intent' AS intent
FROM audit
WHERE event = 'guard_change' AND data::jsonb ->> 'verdict' = 'review';

CREATE VIEW review_decisions AS
SELECT repo, review_id, seq, ts, event AS decision, actor AS reviewer, path,
       data::jsonb ->> 'content_sha256' AS content_sha256,
       (data::jsonb ->> 'signature_valid')::boolean AS signature_valid,
       data::jsonb ->> 'key' AS key_fingerprint,
       data::jsonb ->> 'reason' AS refused_because
FROM audit
WHERE event IN ('approval', 'rejection', 'approve_refused', 'reject_refused');

CREATE VIEW gate_results AS
SELECT repo, seq, ts, actor,
       (data::jsonb ->> 'passed')::boolean AS passed,
       data::jsonb ->> 'base' AS base_commit,
       data::jsonb ->> 'trust' AS trust_commit,
       (data::jsonb ->> 'files')::integer AS files,
       data::jsonb -> 'failing' AS failing,
       data::jsonb -> 'reviews' AS reviews
FROM audit
WHERE event = 'gate';

CREATE VIEW gate_file_results AS
SELECT repo, seq, ts, actor, path, review_id,
       data::jsonb ->> 'outcome' AS outcome,
       data::jsonb ->> 'review_state' AS review_state,
       data::jsonb -> 'approvers' AS approvers,
       data::jsonb -> 'problems' AS problems
FROM audit
WHERE event = 'gate_file';
