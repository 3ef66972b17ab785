"""Break-glass credential checkout with manager approval (Pony ORM service layer + Tornado)."""
from __future__ import annotations

import json
from datetime import datetime, timedelta

import tornado.web
from pony.orm import Database, Optional, PrimaryKey, Required, db_session

db = Database()


class Checkout(db.Entity):
    id = PrimaryKey(int, auto=True)
    vault_path = Required(str)
    requested_by = Required(str)
    reason = Required(str)
    status = Required(str, default="pending")
    approved_by = Optional(str)
    approved_at = Optional(datetime)
    lease_until = Optional(datetime)


class ApprovalError(Exception):
    pass


@db_session
def request_checkout(vault_path: str, requester: str, reason: str) -> int:
    return Checkout(vault_path=vault_path, requested_by=requester, reason=reason).id


@db_session
def approve_checkout(checkout_id: int, approver: str, approver_groups: set[str]) -> Checkout:  # flaw: self-approval
    checkout = Checkout.get(id=checkout_id)
    if checkout is None or checkout.status != "pending":
        raise ApprovalError("nothing to approve")
    if "break-glass-approvers" not in approver_groups:
        raise ApprovalError("approver is not in break-glass-approvers")
    checkout.status = "approved"
    checkout.approved_by = approver
    checkout.approved_at = datetime.utcnow()
    checkout.lease_until = checkout.approved_at + timedelta(hours=1)
    return checkout


class ApproveHandler(tornado.web.RequestHandler):
    def get_current_user(self):
        return self.application.sessions.user_for(self.get_secure_cookie("bg_session"))

    @tornado.web.authenticated
    def post(self, checkout_id: str) -> None:
        try:
            checkout = approve_checkout(int(checkout_id), self.current_user.email, set(self.current_user.groups))
        except ApprovalError as exc:
            raise tornado.web.HTTPError(403, reason=str(exc))
        self.application.vault.issue_lease(checkout.vault_path, checkout.requested_by, checkout.lease_until)
        self.write(json.dumps({"id": checkout.id, "lease_until": checkout.lease_until.isoformat()}))
