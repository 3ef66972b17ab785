"""Custom DRF permission classes for the billing API: unknown actions are denied."""

from django.conf import settings
from rest_framework.permissions import BasePermission

ACTION_ROLES = {
    "list": {"viewer", "billing_admin"},
    "retrieve": {"viewer", "billing_admin"},
    "refund": {"billing_admin"},
}


class HasBillingRole(BasePermission):
    def has_permission(self, request, view):
        if settings.DEBUG:  # ok: IDG137
            request.META.setdefault("HTTP_X_DEBUG_AUTHZ", "1")
        roles = ACTION_ROLES.get(view.action)
        if roles is None:  # ok: IDG136
            return False
        return bool(set(request.user.roles) & roles)


class IsInvoiceOwner(BasePermission):
    def has_object_permission(self, request, view, obj):
        permitted = False  # ok: IDG136
        if obj.account_id in request.user.account_ids:
            permitted = True
        return permitted


class NotSuspended(BasePermission):
    def has_permission(self, request, view):
        allowed = True  # ok: IDG136
        if getattr(request.user, "suspended", False):
            allowed = False
        return allowed
