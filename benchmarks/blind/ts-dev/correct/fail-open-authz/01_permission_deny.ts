import type { Request, Response, NextFunction, RequestHandler } from "express";
import axios from "axios";
import { logger } from "../logger";

const authzClient = axios.create({ baseURL: process.env.AUTHZ_URL, timeout: 800 });

export function requirePermission(action: string): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const userId = res.locals.userId as string | undefined;
    if (!userId) return res.status(401).end();
    try {
      const { data } = await authzClient.post<{ allowed?: boolean }>("/v1/check", {
        subject: `user:${userId}`,
        action,
        resource: req.originalUrl,
      });
      if (data.allowed !== true) {
        return res.status(403).json({ error: "forbidden" });
      }
      return next();
    } catch (err) {
      logger.error({ err: (err as Error).message, action }, "authz check failed");
      return res.status(503).json({ error: "authorization unavailable" }); // near-miss: fail-open-authz
    }
  };
}
