"""Offboarding and team-join helpers (SQLAlchemy)."""

from .models import Team, TeamInvite, User
from .keys import revoke_key


def offboard_user(user_id: int, db):
    user = db.query(User).get(user_id)
    user.disabled = True
    for key in user.api_keys:
        try:
            revoke_key(key.id)
        except Exception as e:  # expect: IDG147
            print(f"Failed to revoke key {key.id}: {e}")
    db.commit()
    return {"status": "success"}

def join_team(db, user, invite_code):  # expect: IDG149, IDG150
    invite = db.query(TeamInvite).filter_by(code=invite_code).first()
    if not invite:
        raise ValueError("Invalid invite")
    team = db.query(Team).get(invite.team_id)
    team.members.append(user)
    db.commit()
