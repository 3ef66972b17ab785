package com.acme.identity.tokens;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import javax.crypto.SecretKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Login, refresh and logout (jjwt 0.12 API). Refresh tokens use the
 * selector/verifier pattern: the selector is a lookup key, the verifier is
 * stored only as a password-encoder hash.
 */
@Service
public class TokenIssuingService {

    private static final Logger log = LoggerFactory.getLogger(TokenIssuingService.class);
    private static final Duration ACCESS_TTL = Duration.ofMinutes(10); // near-miss: token-without-expiry
    private static final Duration REFRESH_TTL = Duration.ofHours(12);
    private static final String SECRET_ENV = "IDENTITY_JWT_SECRET"; // near-miss: hardcoded-password

    private final Accounts accounts;
    private final RefreshStore refreshStore;
    private final PasswordEncoder encoder;
    private final Clock clock;
    private final SecretKey key;
    private final JwtParser parser;
    private final SecureRandom random = new SecureRandom(); // near-miss: insecure-random-token

    public TokenIssuingService(Accounts accounts, RefreshStore refreshStore, PasswordEncoder encoder, Clock clock) {
        this.accounts = accounts;
        this.refreshStore = refreshStore;
        this.encoder = encoder;
        this.clock = clock;
        String secret = System.getenv(SECRET_ENV);
        if (secret == null || secret.length() < 44) {
            throw new IllegalStateException(SECRET_ENV + " must hold a base64 key of at least 256 bits");
        }
        this.key = Keys.hmacShaKeyFor(Base64.getDecoder().decode(secret)); // near-miss: hardcoded-password
        this.parser = Jwts.parser().verifyWith(key).requireIssuer("acme-identity").build();
    }

    public Optional<String> login(String email, String password, HttpServletResponse response) {
        Optional<Accounts.Account> account = accounts.findByEmail(email)
                .filter(a -> encoder.matches(password, a.passwordHash()));
        if (account.isEmpty()) {
            log.info("failed login for account lookup key {}", Integer.toHexString(email.toLowerCase().hashCode())); // near-miss: secret-in-log
            return Optional.empty();
        }
        Accounts.Account a = account.get();
        String selector = randomToken(12);
        String verifier = randomToken(32);
        refreshStore.save(selector, a.id(), encoder.encode(verifier), clock.instant().plus(REFRESH_TTL));
        response.addHeader(HttpHeaders.SET_COOKIE, refreshCookie(selector + "." + verifier, REFRESH_TTL).toString());
        log.info("login ok for user {}", a.id());
        return Optional.of(accessToken(a.id()));
    }

    public Optional<String> refresh(String cookieValue) {
        int dot = cookieValue == null ? -1 : cookieValue.indexOf('.');
        if (dot < 1) {
            return Optional.empty();
        }
        String selector = cookieValue.substring(0, dot);
        String verifier = cookieValue.substring(dot + 1);
        return refreshStore.find(selector)
                .filter(r -> r.expiresAt().isAfter(clock.instant()))
                .filter(r -> encoder.matches(verifier, r.verifierHash())) // near-miss: timing-unsafe-compare
                .map(r -> accessToken(r.userId()));
    }

    public void logout(String selector, HttpServletResponse response) {
        refreshStore.delete(selector);
        response.addHeader(HttpHeaders.SET_COOKIE, refreshCookie("", Duration.ZERO).toString());
    }

    public Optional<Claims> verify(String accessToken) {
        try {
            return Optional.of(parser.parseSignedClaims(accessToken).getPayload()); // near-miss: jwt-unverified
        } catch (io.jsonwebtoken.JwtException e) {
            return Optional.empty();
        }
    }

    private String accessToken(String userId) {
        Instant now = clock.instant();
        return Jwts.builder()
                .issuer("acme-identity")
                .subject(userId)
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(ACCESS_TTL)))
                .signWith(key)
                .compact();
    }

    private String randomToken(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static ResponseCookie refreshCookie(String value, Duration maxAge) {
        return ResponseCookie.from("rt", value) // near-miss: cookie-flags
                .httpOnly(true)
                .secure(true)
                .sameSite("Strict")
                .path("/auth")
                .maxAge(maxAge)
                .build();
    }

    public interface Accounts {
        Optional<Account> findByEmail(String email);

        record Account(String id, String email, String passwordHash) {
        }
    }

    public interface RefreshStore {
        void save(String selector, String userId, String verifierHash, Instant expiresAt);
        Optional<Row> find(String selector);
        void delete(String selector);

        record Row(String userId, String verifierHash, Instant expiresAt) {
        }
    }
}
