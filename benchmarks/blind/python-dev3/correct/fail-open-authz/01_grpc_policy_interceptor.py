"""gRPC interceptor consulting OPA; errors and missing results deny."""
import logging

import grpc
import httpx

log = logging.getLogger(__name__)
OPA_URL = "http://127.0.0.1:8181/v1/data/billing/allow"


class PolicyClient:
    def allowed(self, subject: str, method: str) -> bool:
        try:
            r = httpx.post(OPA_URL, json={"input": {"sub": subject, "method": method}}, timeout=0.2)
            r.raise_for_status()
            return r.json().get("result", False) is True  # near-miss: fail-open-authz
        except httpx.HTTPError:
            log.exception("policy engine unreachable")
            return False  # near-miss: fail-open-authz


class AuthzInterceptor(grpc.ServerInterceptor):
    def __init__(self):
        self.policy = PolicyClient()

    def intercept_service(self, continuation, handler_call_details):
        md = dict(handler_call_details.invocation_metadata)
        if self.policy.allowed(md.get("x-subject", ""), handler_call_details.method):
            return continuation(handler_call_details)

        def deny(request, context):
            context.abort(grpc.StatusCode.PERMISSION_DENIED, "denied")

        return grpc.unary_unary_rpc_method_handler(deny)
