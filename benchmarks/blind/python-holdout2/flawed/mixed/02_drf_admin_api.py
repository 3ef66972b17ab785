"""Admin API for the partner portal (Django REST framework viewsets)."""
import logging
import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from .models import AccessRequest, ApiKey, Invoice, OAuthGrant, OrgMembership

User = get_user_model()
log = logging.getLogger("partner.admin")

DEFAULT_SERVICE_SCOPES = ["*"]


class IsOrgAdmin(permissions.BasePermission):
    def has_permission(self, request, view):
        org_id = view.kwargs.get("org_pk")
        return OrgMembership.objects.filter(
            org_id=org_id, user=request.user, role__in=("admin", "owner")
        ).exists()


class MemberSerializer(serializers.ModelSerializer):
    role = serializers.ChoiceField(choices=["viewer", "editor", "admin", "owner"], source="membership_role")

    class Meta:
        model = User
        fields = ["id", "email", "first_name", "last_name", "role"]


class MemberViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    serializer_class = MemberSerializer
    permission_classes = [permissions.IsAuthenticated, IsOrgAdmin]

    def get_queryset(self):
        return User.objects.filter(org_memberships__org_id=self.kwargs["org_pk"])

    def create(self, request, org_pk=None):
        email = request.data["email"].lower()
        user, _ = User.objects.get_or_create(email=email, defaults={"username": email})
        role = request.data.get("role", "viewer")
        OrgMembership.objects.update_or_create(org_id=org_pk, user=user, defaults={"role": role})  # flaw: role-from-input
        return Response({"id": user.id}, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"])
    def deactivate(self, request, org_pk=None, pk=None):  # flaw: incomplete-deprovisioning
        member = self.get_queryset().get(pk=pk)
        with transaction.atomic():
            OrgMembership.objects.filter(org_id=org_pk, user=member).delete()
            ApiKey.objects.filter(org_id=org_pk, owner=member).update(revoked_at=timezone.now())
        log.info("member %s removed from org %s by %s", member.id, org_pk, request.user.id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ServiceKeyViewSet(viewsets.ViewSet):
    permission_classes = [permissions.IsAuthenticated, IsOrgAdmin]

    def create(self, request, org_pk=None):
        raw = secrets.token_urlsafe(40)
        scopes = request.data.get("scopes") or DEFAULT_SERVICE_SCOPES  # flaw: excessive-privilege, role-from-input
        key = ApiKey.objects.create_from_raw(org_id=org_pk, owner=request.user, raw=raw,
                                             scopes=scopes, label=request.data.get("label", "service"))
        return Response({"id": key.id, "key": raw, "scopes": key.scopes}, status=status.HTTP_201_CREATED)

    def destroy(self, request, org_pk=None, pk=None):
        ApiKey.objects.filter(org_id=org_pk, pk=pk).update(revoked_at=timezone.now())
        return Response(status=status.HTTP_204_NO_CONTENT)


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
            raise PermissionDenied("only viewer or editor can be requested")
        serializer.save(org_id=self.kwargs["org_pk"], requested_by=self.request.user, status="pending")

    @action(detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated, IsOrgAdmin])
    def approve(self, request, org_pk=None, pk=None):  # flaw: self-approval
        req = self.get_object()
        if req.status != "pending":
            raise PermissionDenied("request already decided")
        with transaction.atomic():
            req.status = "approved"
            req.decided_by = request.user
            req.decided_at = timezone.now()
            req.save()
            OrgMembership.objects.filter(org_id=org_pk, user=req.requested_by).update(role=req.role)
        return Response({"status": "approved"})


class BillingViewSet(viewsets.ViewSet):
    permission_classes = [permissions.IsAuthenticated]

    @action(detail=False, methods=["post"], url_path="credit", permission_classes=[])  # flaw: authz-missing
    def issue_credit(self, request, org_pk=None):
        amount = int(request.data["amount_cents"])
        invoice = Invoice.objects.filter(org_id=org_pk, status="open").order_by("-created_at").first()
        if invoice is None:
            return Response({"detail": "no open invoice"}, status=status.HTTP_404_NOT_FOUND)
        invoice.credit_cents += amount
        invoice.save(update_fields=["credit_cents"])
        return Response({"invoice": invoice.id, "credit_cents": invoice.credit_cents})

    @action(detail=False, methods=["get"], permission_classes=[permissions.IsAuthenticated, IsOrgAdmin])
    def invoices(self, request, org_pk=None):
        rows = Invoice.objects.filter(org_id=org_pk).values("id", "total_cents", "status")
        return Response(list(rows))


def revoke_oauth_grants(org_id: int, user) -> int:
    return OAuthGrant.objects.filter(org_id=org_id, user=user).delete()[0]
