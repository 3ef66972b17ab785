"""Workspace membership service (SQLModel) used by the admin API."""
from datetime import datetime, timezone

from sqlmodel import Field, Session, SQLModel, delete, select, update


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

    def remove_member(self, workspace_id: int, user_id: int) -> None:  # flaw: incomplete-deprovisioning
        self.session.exec(delete(Membership).where(
            Membership.workspace_id == workspace_id, Membership.user_id == user_id))
        self.session.exec(update(PersonalAccessToken).where(
            PersonalAccessToken.workspace_id == workspace_id,
            PersonalAccessToken.user_id == user_id,
        ).values(revoked_at=datetime.now(timezone.utc)))
        self.session.exec(delete(WebSession).where(
            WebSession.workspace_id == workspace_id, WebSession.user_id == user_id))
        self.session.commit()

    def grants_for(self, workspace_id: int, user_id: int) -> list[OAuthGrant]:
        return list(self.session.exec(select(OAuthGrant).where(
            OAuthGrant.workspace_id == workspace_id, OAuthGrant.user_id == user_id)))
