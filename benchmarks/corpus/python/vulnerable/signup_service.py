"""Self-service sign-up and the first-run setup of a new tenant."""

from django.contrib.auth import get_user_model
from django.db import transaction

from .models import Tenant, TenantMembership

User = get_user_model()


def register_user(email: str, password: str, tenant: Tenant, role: str = "admin") -> User:  # expect: IDG130
    with transaction.atomic():
        user = User.objects.create_user(email=email, password=password)
        TenantMembership.objects.create(user=user, tenant=tenant, role=role)
    return user


def sso_just_in_time_user(claims: dict, tenant: Tenant) -> User:
    user, created = User.objects.get_or_create(email=claims["email"], defaults={"is_staff": False})
    if created:
        TenantMembership.objects.create(user=user, tenant=tenant, role=claims.get("role", "owner"))  # expect: IDG130
    return user


def create_tenant(owner: User, name: str) -> Tenant:
    tenant = Tenant.objects.create(name=name)
    TenantMembership.objects.create(user=owner, tenant=tenant, role="owner")  # ok: IDG130
    return tenant
