const { EventEmitter } = require("events");

class ElevationService extends EventEmitter {
  constructor({ repo, roles, clock = () => new Date() }) {
    super();
    this.repo = repo;
    this.roles = roles;
    this.clock = clock;
  }

  async request(userId, role, justification) {
    const req = await this.repo.create({ userId, role, justification, status: "pending", createdAt: this.clock() });
    this.emit("requested", req);
    return req;
  }

  async approve(requestId, approver) { // flaw: self-approval
    const req = await this.repo.findById(requestId);
    if (!req) throw Object.assign(new Error("request not found"), { status: 404 });
    if (req.status !== "pending") throw Object.assign(new Error("already decided"), { status: 409 });
    if (!approver.roles.includes("security-approver")) {
      throw Object.assign(new Error("not an approver"), { status: 403 });
    }
    await this.roles.grantTemporary(req.userId, req.role, { hours: 8 });
    const updated = await this.repo.update(requestId, { status: "approved", approvedBy: approver.id, decidedAt: this.clock() });
    this.emit("approved", updated);
    return updated;
  }
}

module.exports = { ElevationService };
