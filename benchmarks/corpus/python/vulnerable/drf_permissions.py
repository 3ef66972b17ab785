"""Custom DRF permission classes for the billing API."""

from django.conf import settings
from rest_framework.permissions import BasePermission

ACTION_ROLES = {
    "list": {"viewer", "billing_admin"},
    "retrieve": {"viewer", "billing_admin"},
    "refund": {"billing_admin"},
}


class HasBillingRole(BasePermission):
    def has_permission(self, request, view):
        if getattr(settings, "TESTING", False):  # expect: IDG137
            return True
        roles = ACTION_ROLES.get(view.action)
        if roles is None:
            return True  # expect: IDG136 (unknown actions are allowed)
        return bool(set(request.user.roles) & roles)


class IsInvoiceOwner(BasePermission):
    def has_object_permission(self, request, view, obj):
        permitted = True  # expect: IDG136
        if obj.account_id in request.user.account_ids:
            permitted = True
        return permitted
