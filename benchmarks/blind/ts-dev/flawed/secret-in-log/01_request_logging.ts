import express, { Request, Response, NextFunction } from "express";
import { logger } from "./logger";
import { loginWithPassword } from "./auth-service";

const app = express();
app.use(express.json());

function requestLogger(req: Request, _res: Response, next: NextFunction) {
  logger.info({ method: req.method, url: req.originalUrl, headers: req.headers }, "incoming request"); // flaw: secret-in-log
  next();
}

app.use(requestLogger);

app.post("/auth/login", async (req: Request, res: Response) => {
  const { email, password } = req.body as { email: string; password: string };
  const result = await loginWithPassword(email, password);
  if (!result.ok) {
    logger.warn({ email, password, reason: result.reason }, "login failed"); // flaw: secret-in-log
    return res.status(401).json({ error: "invalid credentials" });
  }
  logger.info({ userId: result.userId }, "login succeeded");
  return res.json({ accessToken: result.accessToken });
});

export default app;
