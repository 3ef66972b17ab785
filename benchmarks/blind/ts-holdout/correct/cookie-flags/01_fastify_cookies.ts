import type { FastifyInstance } from "fastify";
import fastifyCookie from "@fastify/cookie";
import { randomBytes } from "node:crypto";

const SESSION_COOKIE_OPTS = {
  path: "/",
  httpOnly: true,
  secure: true,
  sameSite: "strict" as const,
  signed: true,
  maxAge: 60 * 60 * 4,
};

export default async function cookieRoutes(app: FastifyInstance) {
  const secret = process.env.COOKIE_SECRET;
  if (!secret) throw new Error("COOKIE_SECRET missing");
  await app.register(fastifyCookie, { secret });

  app.post("/login", async (req, reply) => {
    const user = await app.users.verify(req.body as { email: string; password: string });
    if (!user) return reply.code(401).send({ error: "invalid" });
    const sid = randomBytes(32).toString("base64url");
    await app.sessions.save(sid, user.id);
    reply.setCookie("sid", sid, SESSION_COOKIE_OPTS);
    return { ok: true };
  });

  app.put("/preferences/locale", async (req, reply) => {
    const { locale } = req.body as { locale: string };
    const safe = /^[a-z]{2}(-[A-Z]{2})?$/.test(locale) ? locale : "en";
    reply.setCookie("locale", safe, { path: "/", maxAge: 60 * 60 * 24 * 365 }); // near-miss: cookie-flags
    return { locale: safe };
  });
}
