import pino from "pino";
import express, { Request, Response, NextFunction } from "express";
import { loginWithPassword } from "./auth-service";

export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  redact: {
    paths: ["req.headers.authorization", "req.headers.cookie", "body.password", "*.token", "*.refreshToken"],
    censor: "[redacted]",
  },
});

const app = express();
app.use(express.json());

app.use((req: Request, _res: Response, next: NextFunction) => {
  logger.info({ req: { method: req.method, url: req.originalUrl, headers: req.headers } }, "incoming request"); // near-miss: secret-in-log
  next();
});

app.post("/auth/login", async (req, res) => {
  const { email, password } = req.body as { email: string; password: string };
  const result = await loginWithPassword(email, password);
  if (!result.ok) {
    logger.warn({ email, reason: result.reason }, "login failed");
    return res.status(401).json({ error: "invalid credentials" });
  }
  logger.info({ userId: result.userId }, "login succeeded");
  return res.json({ accessToken: result.accessToken });
});

export default app;
