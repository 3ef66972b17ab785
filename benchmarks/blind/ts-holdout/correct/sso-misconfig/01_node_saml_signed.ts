import fs from "node:fs";
import { SAML, ValidateInResponseTo, type SamlConfig } from "@node-saml/node-saml";
import { RedisCacheProvider } from "./saml-cache";

const cacheProvider = new RedisCacheProvider({ prefix: "saml:req:", ttlSeconds: 600 });

const config: SamlConfig = {
  entryPoint: process.env.SAML_ENTRY_POINT!,
  issuer: process.env.SAML_SP_ENTITY_ID!,
  callbackUrl: `${process.env.APP_URL}/sso/saml/acs`,
  idpCert: fs.readFileSync(process.env.SAML_IDP_CERT_PATH!, "utf8"),
  audience: process.env.SAML_SP_ENTITY_ID!,
  wantAssertionsSigned: true,
  wantAuthnResponseSigned: true,
  validateInResponseTo: ValidateInResponseTo.always,
  requestIdExpirationPeriodMs: 10 * 60 * 1000,
  cacheProvider,
  acceptedClockSkewMs: 3000,
  signatureAlgorithm: "sha256",
};

export const saml = new SAML(config);

export async function consumeAssertion(body: Record<string, string>) {
  const { profile, loggedOut } = await saml.validatePostResponseAsync(body);
  if (loggedOut || !profile) throw new Error("no profile in SAML response");
  return { nameId: profile.nameID, email: profile.email as string | undefined, sessionIndex: profile.sessionIndex };
}
