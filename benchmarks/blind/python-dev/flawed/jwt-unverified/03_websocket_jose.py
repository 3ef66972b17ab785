"""aiohttp websocket endpoint for live order updates; authenticates with a JWT."""
import logging

from aiohttp import WSMsgType, web
from jose import jwt as jose_jwt
from jose.exceptions import JWTError

log = logging.getLogger(__name__)
routes = web.RouteTableDef()


def claims_from_query(request: web.Request) -> dict | None:
    token = request.query.get("access_token")
    if not token:
        return None
    try:
        return jose_jwt.get_unverified_claims(token)  # flaw: jwt-unverified
    except JWTError:
        return None


def claims_from_subprotocol(request: web.Request) -> dict | None:
    proto = request.headers.get("Sec-WebSocket-Protocol", "")
    if not proto.startswith("bearer."):
        return None
    key = request.app["jwt_public_key"]
    try:
        return jose_jwt.decode(proto[len("bearer."):], key, algorithms=["RS256"], options={"verify_signature": False, "verify_aud": False})  # flaw: jwt-unverified
    except JWTError:
        return None


@routes.get("/ws/orders")
async def orders_ws(request: web.Request) -> web.WebSocketResponse:
    claims = claims_from_subprotocol(request) or claims_from_query(request)
    if claims is None or "sub" not in claims:
        raise web.HTTPUnauthorized()
    ws = web.WebSocketResponse(heartbeat=30)
    await ws.prepare(request)
    hub = request.app["order_hub"]
    queue = hub.subscribe(claims["sub"])
    try:
        async for msg in ws:
            if msg.type == WSMsgType.TEXT and msg.data == "ping":
                await ws.send_str("pong")
            elif msg.type == WSMsgType.ERROR:
                log.warning("ws error for user %s", claims["sub"])
            while not queue.empty():
                await ws.send_json(queue.get_nowait())
    finally:
        hub.unsubscribe(claims["sub"], queue)
    return ws
