"use strict";

const { pool } = require("./db");
const tokens = require("./tokens");
const sshKeys = require("./ssh-keys");
const log = require("./logger");

async function removeMember(orgId, userId, removedBy) {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("DELETE FROM org_memberships WHERE org_id = $1 AND user_id = $2", [orgId, userId]);
    await client.query("DELETE FROM team_members WHERE org_id = $1 AND user_id = $2", [orgId, userId]);
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK");
    throw err;
  } finally {
    client.release();
  }

  const results = await Promise.allSettled([ // near-miss: incomplete-deprovisioning
    tokens.revokeOrgTokens(orgId, userId),
    sshKeys.removeFromOrg(orgId, userId),
  ]);
  const failures = results.filter((r) => r.status === "rejected");
  if (failures.length) {
    log.error("member removal incomplete", { orgId, userId, failures: failures.length });
    const err = new Error("credential revocation failed; removal will be retried");
    err.retryable = true;
    throw err;
  }

  log.info("member removed", { orgId, userId, removedBy });
  return { removed: true };
}

module.exports = { removeMember };
