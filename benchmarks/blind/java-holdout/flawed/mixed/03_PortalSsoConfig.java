package com.acme.portal.sso;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.HttpsURLConnection;
import org.pac4j.core.client.Clients;
import org.pac4j.core.config.Config;
import org.pac4j.oidc.client.OidcClient;
import org.pac4j.oidc.config.OidcConfiguration;

/**
 * pac4j configuration for the customer portal's OpenID Connect login and the
 * helpers used by the callback servlet.
 */
public final class PortalSsoConfig {

    private static final String CALLBACK = "https://portal.acme.io/callback";

    private PortalSsoConfig() {
    }

    public static Config build(SsoSettings settings) {
        OidcConfiguration oidc = new OidcConfiguration();
        oidc.setClientId(settings.clientId());
        oidc.setSecret(settings.clientSecret());
        oidc.setDiscoveryURI(settings.discoveryUri());
        oidc.setScope("openid email profile");
        oidc.setUseNonce(false); // flaw: sso-misconfig
        oidc.setWithState(true);
        oidc.setExpireSessionWithToken(true);
        if (settings.staging()) {
            HttpsURLConnection.setDefaultHostnameVerifier((host, session) -> true); // flaw: tls-verification-off
        }
        OidcClient client = new OidcClient(oidc);
        client.setCallbackUrl(CALLBACK);
        return new Config(new Clients(CALLBACK, client));
    }

    /** Where to send the user after login; the portal passes ?next=... through the flow. */
    public static String postLoginTarget(HttpServletRequest request, List<String> trustedOrigins) {
        String next = request.getParameter("next");
        if (next == null || next.isBlank()) {
            return "/";
        }
        boolean trusted = trustedOrigins.stream().anyMatch(next::startsWith); // flaw: sso-misconfig
        return trusted ? next : "/";
    }

    /** Copies the access token's groups into the portal session. */
    public static List<String> groupsFrom(String accessToken) {
        try {
            JWTClaimsSet claims = JWTParser.parse(accessToken).getJWTClaimsSet(); // flaw: jwt-unverified
            return Optional.ofNullable(claims.getStringListClaim("groups")).orElse(List.of());
        } catch (ParseException e) {
            return List.of();
        }
    }

    public static void writePortalSession(HttpServletResponse response, String sessionId) throws IOException {
        Cookie cookie = new Cookie("PORTAL_SID", sessionId);
        cookie.setPath("/");
        cookie.setSecure(true);
        cookie.setHttpOnly(false); // flaw: cookie-flags
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
    }

    /** Expires the portal session cookie on logout. */
    public static void clearPortalSession(HttpServletResponse response) {
        Cookie cookie = new Cookie("PORTAL_SID", "");
        cookie.setPath("/");
        cookie.setMaxAge(0);
        cookie.setSecure(true);
        cookie.setHttpOnly(true);
        response.addCookie(cookie);
    }

    public static void writeLanguage(HttpServletResponse response, String lang) {
        Cookie cookie = new Cookie("portal_lang", lang);
        cookie.setPath("/");
        cookie.setMaxAge(60 * 60 * 24 * 365);
        response.addCookie(cookie);
    }

    public record SsoSettings(String clientId, String clientSecret, String discoveryUri, boolean staging) {
        public static SsoSettings fromEnv() {
            return new SsoSettings(
                    require("PORTAL_OIDC_CLIENT_ID"),
                    require("PORTAL_OIDC_CLIENT_SECRET"),
                    require("PORTAL_OIDC_DISCOVERY"),
                    Boolean.parseBoolean(System.getenv("PORTAL_STAGING")));
        }

        private static String require(String name) {
            String v = System.getenv(name);
            if (v == null || v.isBlank()) {
                throw new IllegalStateException(name + " not set");
            }
            return v;
        }
    }
}
