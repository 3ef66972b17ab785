"""Self-service sign-up and tenant creation: new users start as members, creators own their tenant."""

from django.contrib.auth import get_user_model
from django.db import transaction

from .models import Tenant, TenantMembership

User = get_user_model()
ALLOWED_SSO_ROLES = {"member", "viewer"}


def register_user(email: str, password: str, tenant: Tenant, role: str = "member") -> User:  # ok: IDG130
    with transaction.atomic():
        user = User.objects.create_user(email=email, password=password)
        TenantMembership.objects.create(user=user, tenant=tenant, role=role)
    return user


def sso_just_in_time_user(claims: dict, tenant: Tenant) -> User:
    user, created = User.objects.get_or_create(email=claims["email"], defaults={"is_staff": False})
    role = claims.get("role", "viewer")  # ok: IDG130
    if role not in ALLOWED_SSO_ROLES:
        role = "viewer"
    if created:
        TenantMembership.objects.create(user=user, tenant=tenant, role=role)
    return user


def create_tenant(owner: User, name: str) -> Tenant:
    tenant = Tenant.objects.create(name=name)
    TenantMembership.objects.create(user=owner, tenant=tenant, role="owner")  # ok: IDG130
    return tenant


def require_role(member: TenantMembership, role: str = "admin") -> None:  # ok: IDG130
    if member.role != role:
        raise PermissionError(role)
