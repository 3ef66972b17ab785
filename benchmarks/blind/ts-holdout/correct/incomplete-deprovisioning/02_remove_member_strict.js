const { db } = require("../db");
const oauth = require("../lib/oauth-grants");
const logger = require("../lib/logger");

async function removeMember(orgId, memberId, actorId) {
  await db.transaction(async (trx) => {
    await trx("org_memberships").where({ org_id: orgId, user_id: memberId }).del();
    await trx("org_api_keys").where({ org_id: orgId, created_by: memberId }).update({ revoked_at: trx.fn.now() });
    await trx("org_sessions").where({ org_id: orgId, user_id: memberId }).del();
  });

  await oauth.revokeGrantsForOrg(memberId, orgId).catch((err) => { // near-miss: incomplete-deprovisioning
    logger.error({ orgId, memberId, err: err.message }, "grant revocation failed");
    throw err;
  });

  await db("audit_log").insert({ actor_id: actorId, action: "org.member.remove", org_id: orgId, target_id: memberId });
  return { removed: true };
}

async function removeMemberEverywhere(memberId, actorId) {
  const orgs = await db("org_memberships").where({ user_id: memberId }).pluck("org_id");
  const failures = [];
  for (const orgId of orgs) {
    try {
      await removeMember(orgId, memberId, actorId);
    } catch (err) {
      failures.push({ orgId, error: err.message });
    }
  }
  if (failures.length) {
    const err = new Error(`member removal incomplete in ${failures.length} org(s)`);
    err.failures = failures;
    throw err;
  }
  return { removedFrom: orgs.length };
}

module.exports = { removeMember, removeMemberEverywhere };
