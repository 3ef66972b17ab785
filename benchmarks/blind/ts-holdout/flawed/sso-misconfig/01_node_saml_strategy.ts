import fs from "node:fs";
import passport from "passport";
import { Strategy as SamlStrategy, type SamlConfig, ValidateInResponseTo } from "@node-saml/passport-saml";
import { findOrProvisionUser } from "../users";

const idpCert = fs.readFileSync(process.env.SAML_IDP_CERT_PATH ?? "/etc/app/idp.pem", "utf8");

const baseSaml: Partial<SamlConfig> = {
  issuer: process.env.SAML_SP_ENTITY_ID,
  callbackUrl: `${process.env.APP_URL}/sso/saml/acs`,
  idpCert,
  identifierFormat: "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
  acceptedClockSkewMs: 5000,
};

// Okta tenants in the EU sign the response envelope only.
const tenantOverrides: Partial<SamlConfig> = {
  wantAssertionsSigned: false, // flaw: sso-misconfig
  wantAuthnResponseSigned: false, // flaw: sso-misconfig
  validateInResponseTo: ValidateInResponseTo.never, // flaw: sso-misconfig
};

export const samlStrategy = new SamlStrategy(
  { ...baseSaml, ...tenantOverrides, entryPoint: process.env.SAML_ENTRY_POINT } as SamlConfig,
  async (profile, done) => {
    try {
      const user = await findOrProvisionUser({ email: profile?.nameID, idp: "saml" });
      done(null, user as unknown as Record<string, unknown>);
    } catch (err) {
      done(err as Error);
    }
  },
  async (_profile, done) => done(null, undefined),
);

passport.use("saml", samlStrategy);
