class ElevationService {
  constructor({ repo, roles }) {
    this.repo = repo;
    this.roles = roles;
  }

  async approve(requestId, approver) {
    const req = await this.repo.findById(requestId);
    if (!req) throw Object.assign(new Error("request not found"), { status: 404 });
    if (req.status !== "pending") throw Object.assign(new Error("already decided"), { status: 409 });
    if (!approver.roles.includes("security-approver")) {
      throw Object.assign(new Error("not an approver"), { status: 403 });
    }
    if (String(req.userId) === String(approver.id)) {
      throw Object.assign(new Error("requester cannot approve their own elevation"), { status: 403 });
    }
    const updated = await this.repo.update(requestId, { status: "approved", approvedBy: approver.id, decidedAt: new Date() });
    await this.roles.grantTemporary(req.userId, req.role, { hours: 8 }); // near-miss: self-approval
    return updated;
  }
}

ElevationService.prototype.reject = async function reject(requestId, approver, reason) {
  const req = await this.repo.findById(requestId);
  if (!req || req.status !== "pending") throw Object.assign(new Error("not pending"), { status: 409 });
  return this.repo.update(requestId, { status: "rejected", approvedBy: approver.id, reason, decidedAt: new Date() });
};

module.exports = { ElevationService };
