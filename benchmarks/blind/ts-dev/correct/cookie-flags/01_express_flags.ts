import express, { CookieOptions } from "express";
import { randomBytes } from "crypto";
import { createSession } from "./sessions";
import { checkPassword } from "./passwords";

const app = express();
app.set("trust proxy", 1);
app.use(express.json());

const authCookie: CookieOptions = {
  httpOnly: true,
  secure: true,
  sameSite: "lax",
  path: "/",
  maxAge: 60 * 60 * 1000,
};

app.post("/auth/login", async (req, res) => {
  const account = await checkPassword(req.body.username, req.body.password);
  if (!account) return res.sendStatus(401);
  const sid = randomBytes(32).toString("base64url");
  await createSession(sid, account.id, authCookie.maxAge!);
  res.cookie("sid", sid, { ...authCookie });
  res.json({ ok: true });
});

app.post("/prefs/theme", (req, res) => {
  const theme = req.body.theme === "dark" ? "dark" : "light";
  res.cookie("theme", theme, { maxAge: 365 * 24 * 3600 * 1000, sameSite: "lax" }); // near-miss: cookie-flags
  res.sendStatus(204);
});

export default app;
