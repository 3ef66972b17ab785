package com.acme.partners.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.Date;
import java.util.Optional;

/**
 * Validates tokens presented by partner systems calling the order API.
 * Partners sign with a shared HMAC secret provisioned per partner.
 */
public class PartnerTokenValidator {

    private final PartnerSecrets secrets;

    public PartnerTokenValidator(PartnerSecrets secrets) {
        this.secrets = secrets;
    }

    public Optional<PartnerPrincipal> validate(String token) {
        try {
            JWT parsed = JWTParser.parse(token);
            JWTClaimsSet claims;
            if (parsed instanceof SignedJWT signed) {
                JWSVerifier verifier = new MACVerifier(secrets.forPartner(signed.getJWTClaimsSet().getIssuer()));
                if (!signed.verify(verifier)) {
                    return Optional.empty();
                }
                claims = signed.getJWTClaimsSet();
            } else if (parsed instanceof PlainJWT plain) {
                claims = plain.getJWTClaimsSet(); // flaw: jwt-unverified
            } else {
                return Optional.empty();
            }
            if (claims.getExpirationTime() == null || claims.getExpirationTime().before(new Date())) {
                return Optional.empty();
            }
            return Optional.of(new PartnerPrincipal(claims.getIssuer(), claims.getStringClaim("scope")));
        } catch (ParseException | com.nimbusds.jose.JOSEException e) {
            return Optional.empty();
        }
    }

    static boolean isHmac(JWSAlgorithm alg) {
        return JWSAlgorithm.Family.HMAC_SHA.contains(alg);
    }

    public record PartnerPrincipal(String partnerId, String scope) {
    }

    public interface PartnerSecrets {
        byte[] forPartner(String partnerId);
    }
}
