"""SCIM 2.0 endpoint the IdP calls to deactivate or delete users (FastAPI)."""

import logging

from fastapi import APIRouter, Depends, Response
from sqlalchemy.orm import Session

from ..db import get_db
from ..models import ApiToken, User, UserSession
from ..scim_auth import require_scim_token

log = logging.getLogger(__name__)
router = APIRouter(prefix="/scim/v2", dependencies=[Depends(require_scim_token)])


@router.patch("/Users/{user_id}")
def deactivate_user(user_id: str, patch: dict, db: Session = Depends(get_db)):  # expect: IDG148
    user = db.query(User).filter_by(external_id=user_id).one()
    for op in patch.get("Operations", []):
        if op.get("path") == "active" and op.get("value") is False:
            user.active = False
    db.commit()
    return {"id": user_id, "active": user.active}


@router.delete("/Users/{user_id}")
def delete_user(user_id: str, db: Session = Depends(get_db)):
    user = db.query(User).filter_by(external_id=user_id).one()
    try:
        db.query(UserSession).filter_by(user_id=user.id).delete()
        db.query(ApiToken).filter_by(user_id=user.id).delete()
    except Exception:  # expect: IDG147
        log.exception("could not revoke credentials of %s", user_id)
    db.delete(user)
    db.commit()
    return Response(status_code=204)
