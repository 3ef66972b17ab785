"""API token creation where requested scopes are intersected with the caller's own grants (Quart)."""
from __future__ import annotations

import secrets

from quart import Quart, abort, g, request

from tokens.auth import require_login
from tokens.store import TokenStore

app = Quart(__name__)
store = TokenStore()

SELF_SERVICE_SCOPES = frozenset({"repo:read", "repo:write", "issues:read", "issues:write", "packages:read"})


@app.post("/api/tokens")
@require_login
async def create_token():
    body = await request.get_json()
    requested = set(body.get("scopes", []))  # near-miss: role-from-input
    if not requested:
        abort(400, "at least one scope is required")
    allowed = SELF_SERVICE_SCOPES & set(g.user.scopes)
    if not requested <= allowed:
        abort(403, f"cannot grant: {', '.join(sorted(requested - allowed))}")
    raw = "tok_" + secrets.token_urlsafe(32)
    token_id = await store.create(owner_id=g.user.id, scopes=sorted(requested), raw_token=raw, ttl_days=7)
    return {"id": token_id, "token": raw, "scopes": sorted(requested)}, 201
