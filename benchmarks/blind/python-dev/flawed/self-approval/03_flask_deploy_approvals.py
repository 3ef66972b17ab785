"""Production deploy approvals for the internal release tool (Flask)."""
from datetime import datetime, timezone

from flask import Blueprint, abort, g, jsonify

from release.auth import login_required, role_required
from release.db import db
from release.models import Approval, DeployRequest
from release.pipeline import trigger_deploy

bp = Blueprint("approvals", __name__, url_prefix="/deploys")
REQUIRED_APPROVALS = 2


@bp.post("/<int:deploy_id>/approvals")
@login_required
@role_required("release-manager")
def add_approval(deploy_id: int):  # flaw: self-approval
    deploy = db.session.get(DeployRequest, deploy_id)
    if deploy is None or deploy.state != "awaiting_approval":
        abort(404)
    if any(a.user_id == g.user.id for a in deploy.approvals):
        abort(409, "already approved by you")
    db.session.add(Approval(deploy_id=deploy.id, user_id=g.user.id, created_at=datetime.now(timezone.utc)))
    db.session.flush()
    if len(deploy.approvals) >= REQUIRED_APPROVALS:
        deploy.state = "approved"
        trigger_deploy(deploy.id)
    db.session.commit()
    return jsonify({"approvals": len(deploy.approvals), "state": deploy.state})


@bp.post("/<int:deploy_id>/cancel")
@login_required
def cancel(deploy_id: int):
    deploy = db.session.get(DeployRequest, deploy_id)
    if deploy is None:
        abort(404)
    if deploy.author_id != g.user.id:
        abort(403)
    deploy.state = "cancelled"
    db.session.commit()
    return jsonify({"state": deploy.state})
