"""Service-to-service token verification with rotating HMAC keys (Django)."""
import jwt as pyjwt
from django.conf import settings
from django.http import JsonResponse

ALGORITHMS = ["HS256"]


def _key_for_kid(kid: str | None) -> str:
    keys = settings.SERVICE_TOKEN_KEYS  # {"2024-05": "...", "2024-11": "..."}
    if kid not in keys:
        raise pyjwt.InvalidKeyError("unknown kid")
    return keys[kid]


def verify_service_token(token: str) -> dict:
    header = pyjwt.get_unverified_header(token)  # near-miss: jwt-unverified
    key = _key_for_kid(header.get("kid"))
    return pyjwt.decode(token, key, algorithms=ALGORITHMS, audience=settings.SERVICE_NAME, options={"require": ["exp"]})


class ServiceTokenMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/internal/"):
            auth = request.headers.get("Authorization", "")
            if not auth.startswith("Bearer "):
                return JsonResponse({"error": "unauthorized"}, status=401)
            try:
                request.service_claims = verify_service_token(auth.removeprefix("Bearer "))
            except pyjwt.PyJWTError:
                return JsonResponse({"error": "unauthorized"}, status=401)
        return self.get_response(request)
