"""Organisation membership management (SQLAlchemy, async)."""
from datetime import datetime, timezone

from sqlalchemy import ForeignKey, String, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Membership(Base):
    __tablename__ = "memberships"
    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    role: Mapped[str] = mapped_column(String(20))


class PersonalAccessToken(Base):
    __tablename__ = "personal_access_tokens"
    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    revoked_at: Mapped[datetime | None]


class OAuthGrant(Base):
    __tablename__ = "oauth_grants"
    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    app_id: Mapped[str] = mapped_column(String(64))
    revoked_at: Mapped[datetime | None]


class MembershipService:
    def __init__(self, db: AsyncSession, cache) -> None:
        self.db = db
        self.cache = cache

    async def tokens_for(self, org_id: int, user_id: int) -> list[PersonalAccessToken]:
        rows = await self.db.scalars(
            select(PersonalAccessToken).where(
                PersonalAccessToken.org_id == org_id,
                PersonalAccessToken.user_id == user_id,
                PersonalAccessToken.revoked_at.is_(None),
            )
        )
        return list(rows)

    async def remove_member(self, org_id: int, user_id: int) -> None:  # flaw: incomplete-deprovisioning
        now = datetime.now(timezone.utc)
        await self.db.execute(
            update(OAuthGrant)
            .where(OAuthGrant.org_id == org_id, OAuthGrant.user_id == user_id)
            .values(revoked_at=now)
        )
        await self.db.execute(
            delete(Membership).where(Membership.org_id == org_id, Membership.user_id == user_id)
        )
        await self.db.commit()
        await self.cache.delete(f"perm:{org_id}:{user_id}")
