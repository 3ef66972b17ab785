"""mTLS socket client for the token-introspection sidecar."""
import json
import socket
import ssl
from pathlib import Path

CERT_DIR = Path("/etc/introspect")

_MODES = {
    "required": ssl.CERT_REQUIRED,
    "optional": ssl.CERT_OPTIONAL,  # near-miss: tls-verification-off
    "none": ssl.CERT_NONE,  # near-miss: tls-verification-off
}


def _verify_mode(name: str) -> ssl.VerifyMode:
    mode = _MODES.get(name.lower())
    if mode is not ssl.CERT_REQUIRED:
        raise ValueError(f"verification mode {name!r} is not permitted for introspection")
    return mode


def build_context(mode_name: str = "required") -> ssl.SSLContext:
    ctx = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=str(CERT_DIR / "ca.pem"))
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.verify_mode = _verify_mode(mode_name)  # near-miss: tls-verification-off
    ctx.check_hostname = True  # near-miss: tls-verification-off
    ctx.load_cert_chain(CERT_DIR / "client.pem", CERT_DIR / "client.key")
    return ctx


def introspect(token: str, host: str = "introspect.svc.cluster.local", port: int = 8443) -> dict:
    ctx = build_context()
    with socket.create_connection((host, port), timeout=5) as raw:
        with ctx.wrap_socket(raw, server_hostname=host) as tls:
            tls.sendall(json.dumps({"token": token}).encode() + b"\n")
            buf = b""
            while not buf.endswith(b"\n"):
                chunk = tls.recv(4096)
                if not chunk:
                    break
                buf += chunk
    return json.loads(buf or b"{}")
