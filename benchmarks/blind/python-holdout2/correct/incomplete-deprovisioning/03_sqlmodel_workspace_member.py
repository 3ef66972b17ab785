"""Workspace membership service (SQLModel) used by the admin API."""
from datetime import datetime, timezone

from sqlmodel import Field, Session, SQLModel, delete, update


class Membership(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int
    user_id: int
    role: str


class PersonalAccessToken(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int
    user_id: int
    revoked_at: datetime | None = None


class OAuthGrant(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int
    user_id: int
    client_id: str


class WebSession(SQLModel, table=True):
    id: str = Field(primary_key=True)
    user_id: int
    workspace_id: int


class MembershipService:
    def __init__(self, session: Session):
        self.session = session

    def remove_member(self, workspace_id: int, user_id: int) -> None:
        scope = {"workspace_id": workspace_id, "user_id": user_id}
        with self.session.begin():
            self.session.exec(delete(Membership).filter_by(**scope))
            self.session.exec(update(PersonalAccessToken).filter_by(**scope).values(
                revoked_at=datetime.now(timezone.utc)))
            self.session.exec(delete(OAuthGrant).filter_by(**scope))
            self.session.exec(delete(WebSession).filter_by(**scope))

    def change_role(self, workspace_id: int, user_id: int, role: str) -> None:
        # role changes keep tokens; permissions are evaluated per request
        self.session.exec(update(Membership).filter_by(workspace_id=workspace_id, user_id=user_id).values(role=role))  # near-miss: incomplete-deprovisioning
        self.session.commit()
