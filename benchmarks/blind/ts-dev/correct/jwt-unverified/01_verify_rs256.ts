import type { Request, Response, NextFunction } from "express";
import jwt, { JwtPayload } from "jsonwebtoken";
import { readFileSync } from "fs";

const publicKey = readFileSync(process.env.JWT_PUBLIC_KEY_PATH ?? "/etc/auth/jwt.pub", "utf8");

const verifyOptions: jwt.VerifyOptions = {
  algorithms: ["RS256"],
  issuer: "https://auth.example.com",
  audience: "billing-api",
};

export function requireRole(role: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    const token = req.headers.authorization?.replace(/^Bearer /, "");
    if (!token) return res.status(401).end();
    try {
      const claims = jwt.verify(token, publicKey, { ...verifyOptions }) as JwtPayload; // near-miss: jwt-unverified
      if (!Array.isArray(claims.roles) || !claims.roles.includes(role)) {
        return res.status(403).json({ error: "forbidden" });
      }
      res.locals.userId = claims.sub;
      return next();
    } catch {
      return res.status(401).json({ error: "invalid_token" });
    }
  };
}
