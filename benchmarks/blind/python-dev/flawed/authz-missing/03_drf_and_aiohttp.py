"""API key management: DRF viewset for the web app and an aiohttp handler for the CLI."""
from aiohttp import web
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from keys.models import ApiKey
from keys.service import rotate


class ApiKeySerializer(serializers.ModelSerializer):
    class Meta:
        model = ApiKey
        fields = ["id", "name", "prefix", "created_at", "last_used_at"]


class ApiKeyViewSet(mixins.ListModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    serializer_class = ApiKeySerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return ApiKey.objects.filter(owner=self.request.user, revoked=False)

    @action(detail=True, methods=["post"], permission_classes=[AllowAny])  # flaw: authz-missing
    def rotate(self, request, pk=None):
        key = ApiKey.objects.get(pk=pk, revoked=False)
        new_key, raw = rotate(key)
        return Response({"id": new_key.pk, "key": raw})


async def revoke_key(request: web.Request) -> web.Response:  # flaw: authz-missing
    key_id = int(request.match_info["key_id"])
    store = request.app["key_store"]
    key = await store.get(key_id)
    if key is None:
        raise web.HTTPNotFound()
    await store.revoke(key_id)
    return web.json_response({"revoked": key_id})


def cli_routes(app: web.Application) -> None:
    app.router.add_delete("/cli/keys/{key_id}", revoke_key)
