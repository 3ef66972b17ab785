"""httpx client for the token-exchange service using a private CA bundle."""
import os
import ssl

import httpx

CA_BUNDLE = os.environ.get("STS_CA_BUNDLE", "/etc/ssl/internal-ca.pem")


def _ctx() -> ssl.SSLContext:
    ctx = ssl.create_default_context(cafile=CA_BUNDLE)
    ctx.check_hostname = True  # near-miss: tls-verification-off
    ctx.verify_mode = ssl.CERT_REQUIRED  # near-miss: tls-verification-off
    return ctx


async def exchange(subject_token: str, audience: str) -> dict:
    async with httpx.AsyncClient(verify=_ctx(), timeout=5) as c:
        r = await c.post("https://sts.svc.cluster.local/token", data={"subject_token": subject_token, "audience": audience})
        r.raise_for_status()
        return r.json()
