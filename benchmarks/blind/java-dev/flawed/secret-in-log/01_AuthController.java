package com.example.mobile.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Username/password login for the mobile app; returns an access token.
 */
@RestController
public class AuthController {

    private static final Logger log = LoggerFactory.getLogger(AuthController.class);

    public record LoginRequest(String username, String password) {
    }

    public record TokenResponse(String accessToken, long expiresIn) {
    }

    private final AuthenticationManager authenticationManager;
    private final TokenService tokenService;

    public AuthController(AuthenticationManager authenticationManager, TokenService tokenService) {
        this.authenticationManager = authenticationManager;
        this.tokenService = tokenService;
    }

    @PostMapping("/auth/login")
    public ResponseEntity<TokenResponse> login(@RequestBody LoginRequest request) {
        log.debug("Login attempt: {}", request); // flaw: secret-in-log
        try {
            Authentication auth = authenticationManager.authenticate(
                new UsernamePasswordAuthenticationToken(request.username(), request.password()));
            String token = tokenService.issue(auth);
            log.info("Issued token {} for {}", token, auth.getName()); // flaw: secret-in-log
            return ResponseEntity.ok(new TokenResponse(token, 900));
        } catch (BadCredentialsException e) {
            log.warn("Bad credentials for {}", request.username());
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
    }

    public interface TokenService {
        String issue(Authentication auth);
    }
}
