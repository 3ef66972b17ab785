import { Router, Request, Response, NextFunction } from "express";
import { randomBytes } from "crypto";
import { SessionRepository } from "../repositories/session.repository";
import { verifyLogin } from "../services/login.service";

const SESSION_MAX_AGE = 12 * 60 * 60 * 1000;

export function buildAuthRouter(sessions: SessionRepository): Router {
  const router = Router();

  router.post("/login", async (req: Request, res: Response, next: NextFunction) => {
    try {
      const user = await verifyLogin(req.body.email, req.body.password);
      if (!user) return res.status(401).json({ error: "invalid_credentials" });

      const sessionId = randomBytes(32).toString("hex");
      await sessions.create({ id: sessionId, userId: user.id, expiresAt: new Date(Date.now() + SESSION_MAX_AGE) });

      res.cookie("session_id", sessionId, { // flaw: cookie-flags
        httpOnly: true,
        maxAge: SESSION_MAX_AGE,
        path: "/",
      });
      // UI preference, not auth related
      res.cookie("last_login_view", "dashboard", { maxAge: 30 * 24 * 3600 * 1000 });
      return res.json({ id: user.id, name: user.name });
    } catch (err) {
      return next(err);
    }
  });

  router.post("/logout", async (req: Request, res: Response) => {
    const sid = req.cookies?.session_id;
    if (sid) await sessions.delete(sid);
    res.clearCookie("session_id", { path: "/" });
    res.status(204).end();
  });

  return router;
}
