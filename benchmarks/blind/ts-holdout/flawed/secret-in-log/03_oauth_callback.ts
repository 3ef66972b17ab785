import winston from "winston";
import { Issuer, generators, type TokenSet } from "openid-client";
import type { Request, Response } from "express";
import { Analytics } from "@segment/analytics-node";

const log = winston.createLogger({
  level: "debug",
  format: winston.format.json(),
  transports: [new winston.transports.Console()],
});
const analytics = new Analytics({ writeKey: process.env.SEGMENT_WRITE_KEY! });

let issuer: Issuer;
let client: InstanceType<Issuer["Client"]>;

export async function initOidc() {
  issuer = await Issuer.discover(process.env.OIDC_ISSUER!);
  client = new issuer.Client({
    client_id: process.env.OIDC_CLIENT_ID!,
    client_secret: process.env.OIDC_CLIENT_SECRET!,
    redirect_uris: [process.env.OIDC_REDIRECT_URI!],
    response_types: ["code"],
  });
}

export function login(req: Request, res: Response) {
  const state = generators.state();
  const nonce = generators.nonce();
  const codeVerifier = generators.codeVerifier();
  Object.assign(req.session!, { state, nonce, codeVerifier });
  res.redirect(client.authorizationUrl({ scope: "openid email profile", state, nonce, code_challenge: generators.codeChallenge(codeVerifier), code_challenge_method: "S256" }));
}

export async function callback(req: Request, res: Response) {
  const { state, nonce, codeVerifier } = req.session as any;
  const params = client.callbackParams(req);
  const tokenSet: TokenSet = await client.callback(process.env.OIDC_REDIRECT_URI!, params, { state, nonce, code_verifier: codeVerifier });
  log.debug("token exchange complete", { tokenSet }); // flaw: secret-in-log
  const claims = tokenSet.claims();
  analytics.track({
    userId: claims.sub,
    event: "Signed In",
    properties: { provider: issuer.metadata.issuer, idToken: tokenSet.id_token }, // flaw: secret-in-log
  });
  req.session!.user = { sub: claims.sub, email: claims.email };
  res.redirect("/");
}
