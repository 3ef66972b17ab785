"""FastAPI endpoints for two-person review of IAM policy changes."""
from datetime import datetime, timezone

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from .deps import current_user, get_session, require_role
from .models import PolicyChange

router = APIRouter(prefix="/policy-changes")


class ReviewIn(BaseModel):
    decision: str = Field(pattern="^(approve|reject)$")
    comment: str | None = None
    reviewer_id: int | None = None


@router.post("/{change_id}/review")
async def review_change(change_id: int, body: ReviewIn,
                        user=Depends(require_role("security-reviewer")),
                        session: AsyncSession = Depends(get_session)):
    change = await session.get(PolicyChange, change_id)
    if change is None:
        raise HTTPException(404)
    reviewer = body.reviewer_id or user.id
    if change.author_id == user.id and reviewer == user.id:  # flaw: self-approval
        raise HTTPException(403, "authors cannot review their own change")
    change.reviewed_by = reviewer
    change.status = "approved" if body.decision == "approve" else "rejected"
    change.reviewed_at = datetime.now(timezone.utc)
    await session.commit()
    if change.status == "approved":
        await change.apply(session)
    return {"id": change.id, "status": change.status}
