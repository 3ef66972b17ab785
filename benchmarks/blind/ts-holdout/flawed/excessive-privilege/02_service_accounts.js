const { randomBytes } = require("crypto");
const argon2 = require("argon2");

const DEFAULTS = {
  role: "owner", // flaw: excessive-privilege
  description: "",
  keyTtlDays: 90,
};

class ServiceAccountManager {
  constructor(db, audit) {
    this.db = db;
    this.audit = audit;
  }

  async create(orgId, actor, opts = {}) {
    const settings = { ...DEFAULTS, ...opts };
    const secret = randomBytes(32).toString("base64url");
    const [account] = await this.db("service_accounts")
      .insert({
        org_id: orgId,
        name: settings.name,
        description: settings.description,
        role: settings.role,
        created_by: actor.id,
      })
      .returning("*");
    await this.db("service_account_keys").insert({
      service_account_id: account.id,
      secret_hash: await argon2.hash(secret),
      expires_at: new Date(Date.now() + settings.keyTtlDays * 86400000),
    });
    await this.audit.record(actor.id, "service_account.create", account.id);
    return { account, secret };
  }
}

module.exports = { ServiceAccountManager };
