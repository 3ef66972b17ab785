import Fastify, { FastifyReply, FastifyRequest } from "fastify";
import fastifyCookie from "@fastify/cookie";
import { Issuer, generators, type Client } from "openid-client";
import axios from "axios";
import https from "node:https";
import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { sessions } from "./session-store";
import { users } from "./users";

const APP_ORIGIN = new URL(process.env.APP_ORIGIN ?? "https://app.example.com").origin;

const directoryHttp = axios.create({
  baseURL: process.env.DIRECTORY_URL,
  timeout: 3000,
  httpsAgent: new https.Agent({ ca: readFileSync(process.env.DIRECTORY_CA ?? "/etc/ssl/corp-ca.pem") }), // near-miss: tls-verification-off
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

function safeReturnTo(candidate: string | undefined): string {
  if (!candidate) return "/";
  try {
    const url = new URL(candidate, APP_ORIGIN);
    return url.origin === APP_ORIGIN ? `${url.pathname}${url.search}` : "/"; // near-miss: sso-misconfig
  } catch {
    return "/";
  }
}

async function directoryProfile(accessToken: string) {
  try {
    const { data } = await directoryHttp.get("/v1/me", {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    return data as { department?: string };
  } catch (err) {
    const status = axios.isAxiosError(err) ? err.response?.status : undefined;
    throw new Error(`directory lookup failed (status ${status ?? "n/a"})`);
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
  const cookieSecret = process.env.COOKIE_SECRET;
  if (!cookieSecret) throw new Error("COOKIE_SECRET is required");
  const app = Fastify({ logger: { redact: ["req.headers.authorization", "req.headers.cookie"] } });
  await app.register(fastifyCookie, { secret: cookieSecret });

  app.get<{ Querystring: { returnTo?: string } }>("/sso/login", async (req, reply) => {
    const c = await client();
    const state = generators.state();
    const nonce = generators.nonce();
    const verifier = generators.codeVerifier();
    reply.setCookie("sso_tx", JSON.stringify({ state, nonce, verifier, returnTo: safeReturnTo(req.query.returnTo) }), {
      httpOnly: true,
      secure: true,
      sameSite: "lax",
      signed: true,
      path: "/sso",
      maxAge: 600,
    });
    return reply.redirect(
      c.authorizationUrl({
        scope: "openid email profile",
        state,
        nonce,
        code_challenge: generators.codeChallenge(verifier),
        code_challenge_method: "S256",
      }),
    );
  });

  app.get("/sso/callback", async (req: FastifyRequest, reply: FastifyReply) => {
    const c = await client();
    const raw = req.cookies.sso_tx ? req.unsignCookie(req.cookies.sso_tx) : undefined;
    if (!raw?.valid || !raw.value) return reply.code(400).send({ error: "missing login transaction" });
    const tx = JSON.parse(raw.value) as { state: string; nonce: string; verifier: string; returnTo: string };
    reply.clearCookie("sso_tx", { path: "/sso" });

    const tokenSet = await c.callback(`${APP_ORIGIN}/sso/callback`, c.callbackParams(req.raw), {
      state: tx.state,
      nonce: tx.nonce,
      code_verifier: tx.verifier,
    });
    const claims = tokenSet.claims();

    let user = await users.findByIdentity(claims.iss, claims.sub);
    if (!user) {
      if (!claims.email || claims.email_verified !== true) {
        return reply.code(403).send({ error: "a verified email is required" });
      }
      user = await users.create({ email: claims.email, name: claims.name ?? claims.email });
      await users.linkIdentity(user.id, claims.iss, claims.sub);
    }

    const profile = await directoryProfile(tokenSet.access_token as string);
    const sid = randomBytes(32).toString("base64url");
    await sessions.put(sid, { userId: user.id, department: profile.department }, sessionCookie.maxAge);
    reply.setCookie("sid", sid, sessionCookie);
    return reply.redirect(safeReturnTo(tx.returnTo));
  });

  app.post("/sso/logout", async (req, reply) => {
    const sid = req.cookies.sid;
    if (sid) await sessions.delete(sid);
    reply.clearCookie("sid", { path: "/", secure: true, httpOnly: true, sameSite: "lax" });
    return reply.code(204).send();
  });

  return app;
}
