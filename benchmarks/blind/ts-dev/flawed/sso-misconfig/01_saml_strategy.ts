import passport from "passport";
import { Strategy as SamlStrategy, type SamlConfig, type Profile, type VerifiedCallback } from "@node-saml/passport-saml";
import { readFileSync } from "fs";
import { upsertFederatedUser } from "../users";

const idpCert = readFileSync(process.env.SAML_IDP_CERT_PATH ?? "/etc/saml/idp.crt", "utf8");

const baseSamlConfig: Partial<SamlConfig> = {
  issuer: "https://app.example.com/saml/metadata",
  callbackUrl: "https://app.example.com/saml/acs",
  identifierFormat: "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
  acceptedClockSkewMs: 5000,
};

const samlConfig: SamlConfig = {
  ...baseSamlConfig,
  entryPoint: process.env.SAML_ENTRY_POINT as string,
  idpCert,
  wantAssertionsSigned: false, // flaw: sso-misconfig
  wantAuthnResponseSigned: false, // flaw: sso-misconfig
  validateInResponseTo: "never" as SamlConfig["validateInResponseTo"], // flaw: sso-misconfig
} as SamlConfig;

function onLogin(profile: Profile | null | undefined, done: VerifiedCallback) {
  if (!profile?.nameID) return done(new Error("missing NameID"));
  upsertFederatedUser({ provider: "saml", subject: profile.nameID, email: String(profile.email ?? profile.nameID) })
    .then((user) => done(null, user as unknown as Record<string, unknown>))
    .catch((err) => done(err));
}

passport.use("saml", new SamlStrategy(samlConfig, onLogin, onLogin));

export default passport;
