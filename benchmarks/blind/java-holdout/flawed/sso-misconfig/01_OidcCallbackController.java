package com.acme.webapp.oidc;

import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Completes the OIDC authorization-code flow for the customer web app and
 * links the IdP identity to a local account.
 */
@RestController
public class OidcCallbackController {

    private final TokenEndpointClient tokenEndpoint;
    private final IdTokenValidator idTokens;
    private final AccountLinker linker;

    public OidcCallbackController(TokenEndpointClient tokenEndpoint, IdTokenValidator idTokens,
                                  AccountLinker linker) {
        this.tokenEndpoint = tokenEndpoint;
        this.idTokens = idTokens;
        this.linker = linker;
    }

    @GetMapping("/oidc/callback")
    public void callback(@RequestParam String code, @RequestParam(required = false) String state, // flaw: sso-misconfig
                         HttpSession session, HttpServletResponse response) throws IOException {
        String verifier = (String) session.getAttribute("pkce_verifier");
        String idToken = tokenEndpoint.exchange(code, verifier);
        JWTClaimsSet claims = idTokens.validate(idToken, (String) session.getAttribute("oidc_nonce"));
        String localUser = AccountLinking.resolve(linker, claims);
        session.setAttribute("user", localUser);
        String next = (String) session.getAttribute("after_login");
        response.sendRedirect(next != null ? next : "/");
    }

    static final class AccountLinking {
        private AccountLinking() {
        }

        static String resolve(AccountLinker linker, JWTClaimsSet claims) {
            String subject = claims.getSubject();
            return linker.findBySubject(subject)
                    .orElseGet(() -> linker.linkByEmail(subject, (String) claims.getClaim("email"))); // flaw: sso-misconfig
        }
    }

    public interface TokenEndpointClient {
        String exchange(String code, String pkceVerifier);
    }

    public interface IdTokenValidator {
        JWTClaimsSet validate(String idToken, String expectedNonce);
    }

    public interface AccountLinker {
        java.util.Optional<String> findBySubject(String sub);
        String linkByEmail(String sub, String email);
    }
}
