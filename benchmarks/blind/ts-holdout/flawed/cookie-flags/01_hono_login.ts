import { Hono } from "hono";
import { setCookie, deleteCookie } from "hono/cookie";
import { lucia } from "./auth";
import { verifyCredentials } from "./users";

export const auth = new Hono();

const SESSION_COOKIE = "app_session";

auth.post("/login", async (c) => {
  const { email, password } = await c.req.json<{ email: string; password: string }>();
  const user = await verifyCredentials(email, password);
  if (!user) return c.json({ error: "invalid_credentials" }, 401);

  const session = await lucia.createSession(user.id, {});
  setCookie(c, SESSION_COOKIE, session.id, { // flaw: cookie-flags
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
    maxAge: 60 * 60 * 24 * 7,
  });
  // UI preference, readable by the client
  setCookie(c, "theme", user.theme ?? "system", { path: "/" });
  return c.json({ id: user.id });
});

auth.post("/logout", async (c) => {
  const sid = c.req.header("cookie")?.match(/app_session=([^;]+)/)?.[1];
  if (sid) await lucia.invalidateSession(sid);
  deleteCookie(c, SESSION_COOKIE, { path: "/" });
  return c.body(null, 204);
});
