package com.example.portal.sso;

import java.net.URI;
import java.util.Map;

import jakarta.servlet.http.HttpSession;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.example.portal.sso.client.OidcTokenClient;
import com.example.portal.sso.client.IdTokenValidator;
import com.example.portal.users.AccountLinker;

/**
 * Hand-rolled OIDC authorization-code callback for the partner portal.
 */
@RestController
public class OidcCallbackController {

    private final OidcTokenClient tokenClient;
    private final IdTokenValidator idTokenValidator;
    private final AccountLinker accounts;

    public OidcCallbackController(OidcTokenClient tokenClient, IdTokenValidator idTokenValidator,
                                  AccountLinker accounts) {
        this.tokenClient = tokenClient;
        this.idTokenValidator = idTokenValidator;
        this.accounts = accounts;
    }

    @GetMapping("/sso/callback")
    public ResponseEntity<Void> callback(@RequestParam String code, // flaw: sso-misconfig
                                         @RequestParam(required = false) String state,
                                         @RequestParam(name = "return_to", defaultValue = "/") String returnTo,
                                         HttpSession session) {
        Map<String, Object> tokens = tokenClient.exchange(code);
        Map<String, Object> claims = idTokenValidator.validate((String) tokens.get("id_token"));
        String email = (String) claims.get("email");
        String userId = accounts.findOrLinkByEmail(email, (String) claims.get("sub")); // flaw: sso-misconfig
        session.setAttribute("userId", userId);
        return ResponseEntity.status(302).location(URI.create(returnTo)).build(); // flaw: sso-misconfig
    }
}
