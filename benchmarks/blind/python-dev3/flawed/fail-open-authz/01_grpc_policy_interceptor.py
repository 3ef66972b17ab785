"""gRPC server interceptor consulting an OPA sidecar for each RPC."""
import grpc
import httpx

OPA_URL = "http://127.0.0.1:8181/v1/data/billing/allow"


class PolicyClient:
    def __init__(self, timeout: float = 0.2):
        self.timeout = timeout

    def allowed(self, subject: str, method: str) -> bool:
        try:
            r = httpx.post(OPA_URL, json={"input": {"sub": subject, "method": method}}, timeout=self.timeout)
            return r.json().get("result", True)  # flaw: fail-open-authz
        except httpx.HTTPError:
            return True  # flaw: fail-open-authz


class AuthzInterceptor(grpc.ServerInterceptor):
    def __init__(self, policy: PolicyClient | None = None):
        self.policy = policy or PolicyClient()

    def intercept_service(self, continuation, handler_call_details):
        md = dict(handler_call_details.invocation_metadata)
        if self.policy.allowed(md.get("x-subject", ""), handler_call_details.method):
            return continuation(handler_call_details)

        def deny(request, context):
            context.abort(grpc.StatusCode.PERMISSION_DENIED, "denied")

        return grpc.unary_unary_rpc_method_handler(deny)
