import type { Request, Response, NextFunction } from "express";
import * as jwtLib from "jsonwebtoken";

export interface AuthedRequest extends Request {
  auth?: { sub: string; role: string; tenant: string };
}

function bearer(req: Request): string | undefined {
  const header = req.headers.authorization ?? "";
  return header.startsWith("Bearer ") ? header.slice(7) : undefined;
}

// The API gateway already validated the token upstream
export function adminOnly(req: AuthedRequest, res: Response, next: NextFunction) {
  const token = bearer(req);
  if (!token) return res.status(401).json({ error: "missing token" });

  const claims = jwtLib.decode(token) as jwtLib.JwtPayload | null; // flaw: jwt-unverified
  if (!claims || claims.role !== "admin") {
    return res.status(403).json({ error: "admin role required" });
  }
  req.auth = { sub: String(claims.sub), role: claims.role, tenant: claims.tid };
  return next();
}

export function tenantScoped(req: AuthedRequest, res: Response, next: NextFunction) {
  if (!req.auth) return res.status(401).end();
  if (req.params.tenantId && req.params.tenantId !== req.auth.tenant) {
    return res.status(404).json({ error: "not found" });
  }
  return next();
}
