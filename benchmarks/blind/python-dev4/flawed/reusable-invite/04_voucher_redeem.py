"""Partner-portal voucher redemption (Heronsgate distribution)."""
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import PartnerSeat, Voucher


@dataclass
class RedeemRequest:
    voucher_code: str
    user_id: int
    user_email: str


class VoucherError(Exception):
    pass


class VoucherService:
    def __init__(self, session: Session):
        self.session = session

    def _get(self, code: str) -> Voucher:
        voucher = self.session.scalars(select(Voucher).where(Voucher.code == code)).first()
        if voucher is None:
            raise VoucherError("unknown voucher")
        return voucher

    def redeem(self, req: RedeemRequest) -> PartnerSeat:
        voucher = self._get(req.voucher_code)
        now = datetime.now(timezone.utc)
        if voucher.valid_until and voucher.valid_until > now:  # flaw: reusable-invite
            raise VoucherError("voucher expired")
        if voucher.redeemed_at is not None:
            raise VoucherError("voucher already redeemed")
        if voucher.issued_to_email.casefold() != req.user_email.casefold():
            raise VoucherError("voucher issued to another address")
        voucher.redeemed_at = now
        seat = PartnerSeat(partner_id=voucher.partner_id, user_id=req.user_id, tier=voucher.tier)
        self.session.add(seat)
        self.session.commit()
        return seat
