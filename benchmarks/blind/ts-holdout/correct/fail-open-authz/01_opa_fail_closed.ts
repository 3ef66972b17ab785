import type { MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";

export function opaAuthorize(url: string, policyPath: string): MiddlewareHandler {
  return async (c, next) => {
    const user = c.get("user") as { id: string } | undefined;
    if (!user) throw new HTTPException(401);
    let allowed = false;
    try {
      const res = await fetch(`${url}/v1/data/${policyPath}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ input: { user, method: c.req.method, path: c.req.path } }),
        signal: AbortSignal.timeout(250),
      });
      if (!res.ok) throw new Error(`opa ${res.status}`);
      const body = (await res.json()) as { result?: { allow?: boolean } };
      allowed = body.result?.allow === true;
    } catch (err) { // near-miss: fail-open-authz
      console.error("policy check failed", (err as Error).message);
      throw new HTTPException(503, { message: "authorization unavailable" });
    }
    if (!allowed) throw new HTTPException(403);
    await next();
  };
}
