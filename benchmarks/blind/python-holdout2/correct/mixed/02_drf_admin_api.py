"""Admin API for the partner portal (Django REST framework viewsets)."""
import logging
import secrets

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from .models import AccessRequest, ApiKey, Invoice, OAuthGrant, OrgMembership, RefreshToken

User = get_user_model()
log = logging.getLogger("partner.admin")

ROLE_RANK = {"viewer": 0, "editor": 1, "admin": 2, "owner": 3}
DEFAULT_SERVICE_SCOPES = ["reports:read"]
GRANTABLE_SERVICE_SCOPES = {"reports:read", "orders:read", "orders:write", "catalog:read"}


def actor_role(request, org_id) -> str | None:
    m = OrgMembership.objects.filter(org_id=org_id, user=request.user).first()
    return m.role if m else None


class IsOrgAdmin(permissions.BasePermission):
    def has_permission(self, request, view):
        return actor_role(request, view.kwargs.get("org_pk")) in ("admin", "owner")


class IsBillingAdmin(permissions.BasePermission):
    def has_permission(self, request, view):
        return bool(request.user.is_staff and request.user.has_perm("billing.issue_credit"))


class MemberViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    permission_classes = [permissions.IsAuthenticated, IsOrgAdmin]

    def get_queryset(self):
        return User.objects.filter(org_memberships__org_id=self.kwargs["org_pk"])

    def create(self, request, org_pk=None):
        role = request.data.get("role", "viewer")
        if role not in ROLE_RANK or ROLE_RANK[role] > ROLE_RANK[actor_role(request, org_pk)]:
            raise PermissionDenied("cannot grant a role above your own")
        email = request.data["email"].lower()
        user, _ = User.objects.get_or_create(email=email, defaults={"username": email})
        OrgMembership.objects.update_or_create(org_id=org_pk, user=user, defaults={"role": role})  # near-miss: role-from-input
        return Response({"id": user.id}, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"])
    def deactivate(self, request, org_pk=None, pk=None):
        member = self.get_queryset().get(pk=pk)
        with transaction.atomic():
            OrgMembership.objects.filter(org_id=org_pk, user=member).delete()
            ApiKey.objects.filter(org_id=org_pk, owner=member).update(revoked_at=timezone.now())
            OAuthGrant.objects.filter(org_id=org_pk, user=member).delete()
            RefreshToken.objects.filter(org_id=org_pk, user=member).delete()
            for s in Session.objects.filter(expire_date__gt=timezone.now()):
                if s.get_decoded().get("_auth_user_id") == str(member.pk):
                    s.delete()
        log.info("member %s removed from org %s by %s", member.id, org_pk, request.user.id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ServiceKeyViewSet(viewsets.ViewSet):
    permission_classes = [permissions.IsAuthenticated, IsOrgAdmin]

    def create(self, request, org_pk=None):
        scopes = set(request.data.get("scopes") or DEFAULT_SERVICE_SCOPES)
        if not scopes <= GRANTABLE_SERVICE_SCOPES:
            raise ValidationError({"scopes": sorted(scopes - GRANTABLE_SERVICE_SCOPES)})
        raw = secrets.token_urlsafe(40)
        key = ApiKey.objects.create_from_raw(org_id=org_pk, owner=request.user, raw=raw,
                                             scopes=sorted(scopes), label=request.data.get("label", "service"))
        return Response({"id": key.id, "key": raw, "scopes": key.scopes}, status=status.HTTP_201_CREATED)


class AccessRequestViewSet(viewsets.ModelViewSet):
    permission_classes = [permissions.IsAuthenticated]

    class _Serializer(serializers.ModelSerializer):
        class Meta:
            model = AccessRequest
            fields = ["id", "role", "reason", "status", "requested_by"]
            read_only_fields = ["status", "requested_by"]

    serializer_class = _Serializer

    def get_queryset(self):
        return AccessRequest.objects.filter(org_id=self.kwargs["org_pk"])

    def perform_create(self, serializer):
        if serializer.validated_data["role"] not in ("viewer", "editor"):
            raise ValidationError({"role": "only viewer or editor can be requested"})
        serializer.save(org_id=self.kwargs["org_pk"], requested_by=self.request.user, status="pending")

    @action(detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated, IsOrgAdmin])
    def approve(self, request, org_pk=None, pk=None):
        with transaction.atomic():
            req = AccessRequest.objects.select_for_update().get(pk=self.get_object().pk)
            if req.requested_by_id == request.user.id:
                raise PermissionDenied("you cannot approve your own request")
            if req.status != "pending":
                raise PermissionDenied("request already decided")
            req.status = "approved"
            req.decided_by = request.user  # near-miss: self-approval
            req.decided_at = timezone.now()
            req.save()
            OrgMembership.objects.filter(org_id=org_pk, user=req.requested_by).update(role=req.role)
        return Response({"status": "approved"})


class BillingViewSet(viewsets.ViewSet):
    permission_classes = [permissions.IsAuthenticated]

    @action(detail=False, methods=["post"], url_path="credit",
            permission_classes=[permissions.IsAuthenticated, IsBillingAdmin])  # near-miss: authz-missing
    def issue_credit(self, request, org_pk=None):
        amount = int(request.data["amount_cents"])
        invoice = Invoice.objects.filter(org_id=org_pk, status="open").order_by("-created_at").first()
        if invoice is None:
            return Response({"detail": "no open invoice"}, status=status.HTTP_404_NOT_FOUND)
        invoice.credit_cents += amount
        invoice.save(update_fields=["credit_cents"])
        log.info("credit %s issued on invoice %s by %s", amount, invoice.id, request.user.id)
        return Response({"invoice": invoice.id, "credit_cents": invoice.credit_cents})
