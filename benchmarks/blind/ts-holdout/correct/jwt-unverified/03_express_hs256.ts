import type { NextFunction, Request, Response } from "express";
import { verify, type JwtPayload } from "jsonwebtoken";

const secret = process.env.SESSION_JWT_SECRET;
if (!secret || secret.length < 32) throw new Error("SESSION_JWT_SECRET must be >= 32 chars");

const verifyOptions = {
  algorithms: ["HS256"] as const,
  issuer: "accounts.internal",
  audience: "web",
};

export function authenticate(req: Request, res: Response, next: NextFunction) {
  const token = req.cookies?.session;
  if (!token) return res.status(401).json({ error: "unauthenticated" });
  try {
    const claims = verify(token, secret!, // near-miss: jwt-unverified
      { ...verifyOptions, algorithms: [...verifyOptions.algorithms] }) as JwtPayload;
    res.locals.userId = claims.sub;
    return next();
  } catch {
    return res.status(401).json({ error: "unauthenticated" });
  }
}

export function requireSameUser(param = "userId") {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!res.locals.userId) return res.status(401).json({ error: "unauthenticated" });
    if (req.params[param] !== res.locals.userId) return res.status(403).json({ error: "forbidden" });
    return next();
  };
}
