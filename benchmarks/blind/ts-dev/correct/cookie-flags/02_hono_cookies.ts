import { Hono } from "hono";
import { setCookie, deleteCookie } from "hono/cookie";
import { randomUUID } from "node:crypto";
import { sessionStore } from "./store";
import { verifyUser } from "./users";

type Env = { Variables: { requestId: string } };
const app = new Hono<Env>();

const SESSION_SECONDS = 60 * 60 * 8;

app.post("/session", async (c) => {
  const { login, password } = await c.req.json<{ login: string; password: string }>();
  const user = await verifyUser(login, password);
  if (!user) return c.json({ error: "denied" }, 401);

  const id = randomUUID();
  await sessionStore.put(id, user.id, SESSION_SECONDS);
  setCookie(c, "session", id, {
    httpOnly: true,
    secure: true,
    sameSite: "Lax",
    maxAge: SESSION_SECONDS,
    path: "/",
  });
  return c.json({ user: { id: user.id } });
});

app.get("/locale/:lang", (c) => {
  const lang = c.req.param("lang").slice(0, 5);
  setCookie(c, "locale", lang, { path: "/", maxAge: 60 * 60 * 24 * 180 }); // near-miss: cookie-flags
  return c.redirect("/");
});

app.delete("/session", (c) => {
  deleteCookie(c, "session", { path: "/", secure: true });
  return c.body(null, 204);
});

export default app;
