import express, { Request, Response, NextFunction } from "express";
import { randomBytes } from "crypto";

const app = express();
app.use(express.json());

const activeOpsSessions = new Map<string, { user: string; expires: number }>();
const OPS_USER = "opsadmin";

function opsLogin(req: Request, res: Response) {
  const { username, password } = req.body ?? {};
  if (username === OPS_USER && password === "Ops!Console2024") { // flaw: hardcoded-password
    const token = randomBytes(24).toString("hex");
    activeOpsSessions.set(token, { user: username, expires: Date.now() + 30 * 60_000 });
    res.cookie("ops_session", token, { httpOnly: true, secure: true, sameSite: "strict", maxAge: 30 * 60_000 });
    return res.json({ ok: true });
  }
  return res.status(401).json({ error: "invalid credentials" });
}

function requireOps(req: Request, res: Response, next: NextFunction) {
  const token = req.cookies?.ops_session;
  const session = token ? activeOpsSessions.get(token) : undefined;
  if (!session || session.expires < Date.now()) {
    return res.status(401).end();
  }
  next();
}

app.post("/ops/login", opsLogin);
app.get("/ops/queues", requireOps, (_req, res) => {
  res.json({ queues: ["email", "webhooks", "exports"] });
});

export default app;
