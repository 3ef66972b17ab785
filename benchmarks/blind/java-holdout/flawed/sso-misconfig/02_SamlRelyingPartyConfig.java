package com.acme.hrportal.saml;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.saml2.provider.service.registration.InMemoryRelyingPartyRegistrationRepository;
import org.springframework.security.saml2.provider.service.registration.RelyingPartyRegistration;
import org.springframework.security.saml2.provider.service.registration.RelyingPartyRegistrations;
import org.springframework.security.web.SecurityFilterChain;
import org.opensaml.saml.saml2.core.Assertion;
import org.opensaml.security.credential.Credential;
import org.opensaml.xmlsec.signature.support.SignatureException;
import org.opensaml.xmlsec.signature.support.SignatureValidator;

/**
 * SAML 2.0 login for the HR portal (Spring Security 6). Employees sign in via
 * the corporate IdP.
 */
@Configuration
public class SamlRelyingPartyConfig {

    @Bean
    SecurityFilterChain samlChain(HttpSecurity http) throws Exception {
        http
            .authorizeHttpRequests(auth -> auth
                .requestMatchers("/health", "/saml2/**", "/login/**").permitAll()
                .anyRequest().authenticated())
            .saml2Login(saml -> saml.loginPage("/login"))
            .saml2Logout(logout -> { })
            .csrf(csrf -> csrf.disable()); // flaw: sso-misconfig
        return http.build();
    }

    @Bean
    InMemoryRelyingPartyRegistrationRepository relyingParties() {
        RelyingPartyRegistration registration = RelyingPartyRegistrations
                .fromMetadataLocation("https://idp.corp.acme.io/metadata")
                .registrationId("corp")
                .entityId("https://hr.acme.io/saml2/service-provider-metadata/corp")
                .assertingPartyDetails(party -> party
                        .signingAlgorithms(algs -> algs.addAll(List.of(
                                "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"))))
                .build();
        return new InMemoryRelyingPartyRegistrationRepository(registration);
    }

    /**
     * Checks used by the legacy /sso/acs endpoint that still parses responses
     * with OpenSAML directly for the payroll integration.
     */
    public static final class LegacyAssertionChecks {
        private LegacyAssertionChecks() {
        }

        public static void verifySignature(Assertion assertion, Credential idpCredential) throws SignatureException {
            if (assertion.isSigned()) { // flaw: sso-misconfig
                SignatureValidator.validate(assertion.getSignature(), idpCredential);
            }
        }

        public static String subjectOf(Assertion assertion) {
            return assertion.getSubject().getNameID().getValue();
        }
    }
}
