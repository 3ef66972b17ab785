import passport from "passport";
import { Strategy as SamlStrategy, type SamlConfig, type Profile, type VerifiedCallback } from "@node-saml/passport-saml";
import { readFileSync } from "fs";
import { upsertFederatedUser } from "../users";
import { samlRequestCache } from "./saml-cache";

const samlConfig: SamlConfig = {
  issuer: "https://app.example.com/saml/metadata",
  callbackUrl: "https://app.example.com/saml/acs",
  entryPoint: process.env.SAML_ENTRY_POINT as string,
  idpCert: readFileSync(process.env.SAML_IDP_CERT_PATH ?? "/etc/saml/idp.crt", "utf8"),
  wantAssertionsSigned: true, // near-miss: sso-misconfig
  wantAuthnResponseSigned: true,
  validateInResponseTo: "always" as SamlConfig["validateInResponseTo"],
  cacheProvider: samlRequestCache,
  requestIdExpirationPeriodMs: 5 * 60 * 1000,
  audience: "https://app.example.com/saml/metadata",
  acceptedClockSkewMs: 3000,
} as SamlConfig;

function onLogin(profile: Profile | null | undefined, done: VerifiedCallback) {
  if (!profile?.nameID) return done(new Error("missing NameID"));
  upsertFederatedUser({ provider: "saml", subject: profile.nameID, email: String(profile.email ?? "") })
    .then((user) => done(null, user as unknown as Record<string, unknown>))
    .catch((err) => done(err));
}

passport.use("saml", new SamlStrategy(samlConfig, onLogin, onLogin));

export default passport;
