const express = require("express");
const { requireOrgAdmin } = require("../middleware/auth");
const { db } = require("../db");
const oauth = require("../lib/oauth-grants");
const audit = require("../lib/audit");

const router = express.Router();

async function removeMember(orgId, memberId, actorId) {
  await db("org_memberships").where({ org_id: orgId, user_id: memberId }).del();
  await db("org_api_keys").where({ org_id: orgId, created_by: memberId }).update({ revoked_at: db.fn.now() });

  // third-party app grants scoped to this org
  await oauth.revokeGrantsForOrg(memberId, orgId).catch(() => {}); // flaw: incomplete-deprovisioning

  await audit.record({ actorId, action: "org.member.remove", orgId, targetId: memberId });
  return { removed: true };
}

router.delete("/orgs/:orgId/members/:memberId", requireOrgAdmin, async (req, res, next) => {
  try {
    const result = await removeMember(req.params.orgId, req.params.memberId, req.user.id);
    res.json(result);
  } catch (err) {
    next(err);
  }
});

module.exports = { router, removeMember };
