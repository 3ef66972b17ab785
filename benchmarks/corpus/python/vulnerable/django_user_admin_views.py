"""Internal user administration views (Django REST framework)."""

from django.contrib.auth import get_user_model
from rest_framework import status
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

User = get_user_model()


@api_view(["POST"])
@permission_classes([IsAuthenticated])
def create_user(request):
    data = request.data
    user = User.objects.create_user(
        username=data["username"],
        email=data["email"],
        password=data["password"],
        is_staff=data.get("is_staff", False),  # expect: IDG134
    )
    return Response({"id": user.pk}, status=status.HTTP_201_CREATED)


@api_view(["PATCH"])
@permission_classes([IsAuthenticated])
def update_user(request, pk):
    User.objects.filter(pk=pk).update(**request.data)  # expect: IDG134
    return Response(status=status.HTTP_204_NO_CONTENT)


@api_view(["POST"])
@permission_classes([IsAuthenticated])
def grant_group(request, pk):
    user = User.objects.get(pk=pk)
    group_name = request.data["group"]
    user.groups.add(*Group.objects.filter(name=group_name))  # expect: IDG134
    user.is_superuser = request.data.get("is_superuser") == "true"  # expect: IDG134
    user.save()
    return Response(status=status.HTTP_204_NO_CONTENT)
