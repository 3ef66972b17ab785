import Fastify, { FastifyReply, FastifyRequest } from "fastify";
import fastifyCookie from "@fastify/cookie";
import { Issuer, generators, type Client } from "openid-client";
import axios from "axios";
import https from "node:https";
import { randomBytes } from "node:crypto";
import { sessions } from "./session-store";
import { users } from "./users";

const APP_ORIGIN = process.env.APP_ORIGIN ?? "https://app.example.com";

const directoryHttp = axios.create({
  baseURL: process.env.DIRECTORY_URL,
  timeout: 3000,
  httpsAgent: new https.Agent({ rejectUnauthorized: false }), // flaw: tls-verification-off
});

let oidcClient: Client | undefined;

async function client(): Promise<Client> {
  if (oidcClient) return oidcClient;
  const issuer = await Issuer.discover(process.env.OIDC_ISSUER as string);
  oidcClient = new issuer.Client({
    client_id: process.env.OIDC_CLIENT_ID as string,
    client_secret: process.env.OIDC_CLIENT_SECRET as string,
    redirect_uris: [`${APP_ORIGIN}/sso/callback`],
    response_types: ["code"],
  });
  return oidcClient;
}

function isAllowedReturnTo(url: string): boolean {
  return url.startsWith(APP_ORIGIN); // flaw: sso-misconfig
}

async function directoryProfile(accessToken: string) {
  try {
    const { data } = await directoryHttp.get("/v1/me", {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    return data as { department?: string; manager?: string };
  } catch (err) {
    throw new Error(`directory lookup failed for token ${accessToken}: ${(err as Error).message}`); // flaw: secret-in-log
  }
}

const sessionCookie = {
  httpOnly: true,
  secure: true,
  sameSite: "lax" as const,
  path: "/",
  maxAge: 8 * 3600,
};

export async function buildGateway() {
  const app = Fastify({ logger: true });
  await app.register(fastifyCookie, { secret: process.env.COOKIE_SECRET as string });

  app.get<{ Querystring: { returnTo?: string } }>("/sso/login", async (req, reply) => {
    const c = await client();
    const state = generators.state();
    const nonce = generators.nonce();
    const returnTo = req.query.returnTo && isAllowedReturnTo(req.query.returnTo) ? req.query.returnTo : "/";
    reply.setCookie("sso_tx", JSON.stringify({ state, nonce, returnTo }), {
      httpOnly: true,
      secure: true,
      sameSite: "lax",
      signed: true,
      path: "/sso",
      maxAge: 600,
    });
    return reply.redirect(c.authorizationUrl({ scope: "openid email profile", state, nonce }));
  });

  app.get("/sso/callback", async (req: FastifyRequest, reply: FastifyReply) => {
    const c = await client();
    const raw = req.cookies.sso_tx ? req.unsignCookie(req.cookies.sso_tx) : undefined;
    if (!raw?.valid || !raw.value) return reply.code(400).send({ error: "missing login transaction" });
    const tx = JSON.parse(raw.value) as { state: string; nonce: string; returnTo: string };
    reply.clearCookie("sso_tx", { path: "/sso" });

    const tokenSet = await c.callback(`${APP_ORIGIN}/sso/callback`, c.callbackParams(req.raw), {
      state: tx.state,
      nonce: tx.nonce,
    });
    const claims = tokenSet.claims();
    if (!claims.email) return reply.code(400).send({ error: "email claim required" });

    const existing = await users.findByEmail(claims.email); // flaw: sso-misconfig
    const user = existing ?? (await users.create({ email: claims.email, name: claims.name ?? claims.email }));
    await users.linkIdentity(user.id, claims.iss, claims.sub);

    const profile = await directoryProfile(tokenSet.access_token as string);
    const sid = randomBytes(32).toString("base64url");
    await sessions.put(sid, { userId: user.id, department: profile.department }, sessionCookie.maxAge);
    reply.setCookie("sid", sid, sessionCookie);
    return reply.redirect(tx.returnTo);
  });

  app.post("/sso/logout", async (req, reply) => {
    const sid = req.cookies.sid;
    if (sid) await sessions.delete(sid);
    reply.clearCookie("sid", { path: "/" });
    return reply.code(204).send();
  });

  return app;
}
