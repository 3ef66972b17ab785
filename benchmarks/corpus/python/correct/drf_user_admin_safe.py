"""Internal user administration views (DRF): only admins change privileges, profile updates are allow-listed."""

from django.contrib.auth import get_user_model
from rest_framework import serializers, status
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import IsAdminUser, IsAuthenticated
from rest_framework.response import Response

User = get_user_model()
PROFILE_FIELDS = ("first_name", "last_name", "timezone")


class ProfileSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = PROFILE_FIELDS


@api_view(["PATCH"])
@permission_classes([IsAuthenticated])
def update_profile(request):
    serializer = ProfileSerializer(request.user, data=request.data, partial=True)
    serializer.is_valid(raise_exception=True)
    serializer.save()
    return Response(serializer.data)


@api_view(["PATCH"])
@permission_classes([IsAuthenticated])
def update_profile_fields(request):
    changes = {k: v for k, v in request.data.items() if k in PROFILE_FIELDS}
    User.objects.filter(pk=request.user.pk).update(**changes)  # ok: IDG134
    return Response(status=status.HTTP_204_NO_CONTENT)


@api_view(["POST"])
@permission_classes([IsAdminUser])
def set_staff(request, pk):
    user = User.objects.get(pk=pk)
    user.is_staff = request.data.get("is_staff") is True  # ok: IDG134
    user.save(update_fields=["is_staff"])
    return Response(status=status.HTTP_204_NO_CONTENT)
