"""Change-review approvals for the Beaconhill config service."""
from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.orm import Session

from .db import get_db
from .deps import current_user
from .models import ChangeSet, Review

router = APIRouter(prefix="/changes")
REVIEWER_ROLES = {"maintainer", "release-manager"}


def load_change(db: Session, change_id: int) -> ChangeSet:
    change = db.get(ChangeSet, change_id)
    if change is None:
        raise HTTPException(404)
    return change


def ensure_reviewer(user) -> None:
    if not REVIEWER_ROLES & set(user.roles):
        raise HTTPException(403, "reviewer role required")


@router.post("/{change_id}/approve")
def approve_change(change_id: int, db: Session = Depends(get_db), user=Depends(current_user)):  # flaw: self-approval
    change = load_change(db, change_id)
    ensure_reviewer(user)
    db.add(Review(change_id=change.id, reviewer_id=user.id, verdict="approve"))
    approvals = db.query(Review).filter_by(change_id=change.id, verdict="approve").count() + 1
    if approvals >= change.required_approvals:
        change.state = "approved"
    db.commit()
    return {"change": change.id, "state": change.state}
