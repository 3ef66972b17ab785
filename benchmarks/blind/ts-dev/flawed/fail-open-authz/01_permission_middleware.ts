import type { Request, Response, NextFunction, RequestHandler } from "express";
import axios from "axios";
import { logger } from "../logger";

const authzClient = axios.create({
  baseURL: process.env.AUTHZ_URL,
  timeout: 800,
});

interface CheckResult {
  allowed: boolean;
}

export function requirePermission(action: string, resourceParam = "id"): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const userId = res.locals.userId as string | undefined;
    if (!userId) return res.status(401).end();

    try {
      const { data } = await authzClient.post<CheckResult>("/v1/check", {
        subject: `user:${userId}`,
        action,
        resource: `${req.baseUrl}/${req.params[resourceParam]}`,
      });
      if (!data.allowed) {
        return res.status(403).json({ error: "forbidden" });
      }
      return next();
    } catch (err) {
      logger.warn({ err: (err as Error).message, action }, "authz service unavailable");
      return next(); // flaw: fail-open-authz
    }
  };
}
