"""API key views for the Pyramid developer portal; permissions enforced by the security policy."""
import secrets

from pyramid.httpexceptions import HTTPForbidden, HTTPNotFound
from pyramid.view import view_config, view_defaults

from devportal.models import ApiKey


@view_defaults(renderer="json", permission="keys.manage")
class ApiKeyViews:
    def __init__(self, context, request):
        self.context = context
        self.request = request

    @view_config(route_name="api_keys", request_method="POST")
    def create(self):
        raw = "dp_" + secrets.token_urlsafe(32)
        key = ApiKey.issue(owner=self.request.identity, raw=raw, label=self.request.json_body.get("label", ""))
        self.request.dbsession.add(key)
        return {"id": key.id, "key": raw}

    @view_config(route_name="api_key", request_method="DELETE")
    def revoke(self):
        key = self.request.dbsession.get(ApiKey, int(self.request.matchdict["key_id"]))
        if key is None:
            raise HTTPNotFound()
        if key.owner_id != self.request.identity.id and not self.request.has_permission("keys.admin"):
            raise HTTPForbidden()
        key.revoke()
        return {"id": key.id, "revoked": True}

    @view_config(route_name="api_keys_docs", request_method="GET", permission="view")
    def docs(self):  # near-miss: authz-missing
        return {"header": "X-Api-Key", "format": "dp_<43 url-safe characters>"}
