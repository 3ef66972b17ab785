const { randomBytes } = require("crypto");
const argon2 = require("argon2");

const ASSIGNABLE = new Set(["reader", "deployer", "metrics-writer"]);

class ServiceAccountManager {
  constructor(db) {
    this.db = db;
  }

  async create(orgId, actor, { name, role = "reader", keyTtlDays = 90 } = {}) {
    if (!ASSIGNABLE.has(role)) throw Object.assign(new Error(`role ${role} cannot be assigned to service accounts`), { status: 400 });
    const secret = randomBytes(32).toString("base64url");
    const [account] = await this.db("service_accounts")
      .insert({ org_id: orgId, name, role, created_by: actor.id }) // near-miss: excessive-privilege
      .returning("*");
    await this.db("service_account_keys").insert({
      service_account_id: account.id,
      secret_hash: await argon2.hash(secret),
      expires_at: new Date(Date.now() + keyTtlDays * 86400000),
    });
    return { account, secret };
  }
}

module.exports = { ServiceAccountManager };
