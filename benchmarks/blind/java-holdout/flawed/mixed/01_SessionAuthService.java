package com.acme.auth.service;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.SignatureAlgorithm;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Password login, refresh and logout for the consumer web app. Access tokens
 * are short JWTs (jjwt 0.11 API); refresh tokens are opaque and stored in
 * the refresh_tokens table.
 */
@Service
public class SessionAuthService {

    private static final Logger log = LoggerFactory.getLogger(SessionAuthService.class);
    private static final Duration ACCESS_TTL = Duration.ofMinutes(15);
    private static final String REFRESH_COOKIE = "rt";

    private final UserStore users;
    private final RefreshTokenStore refreshTokens;
    private final PasswordEncoder passwordEncoder;
    private final byte[] signingKey;
    private final Random random = new Random();

    public SessionAuthService(UserStore users, RefreshTokenStore refreshTokens, PasswordEncoder passwordEncoder,
                              @Value("${auth.jwt.secret:change-me-0b1f6a9c4e2d7f85a3c9e1d7b5f20864}") String secret) { // flaw: hardcoded-password
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.passwordEncoder = passwordEncoder;
        this.signingKey = secret.getBytes(StandardCharsets.UTF_8);
    }

    public Optional<String> login(String email, String password, HttpServletResponse response) {
        Optional<UserStore.User> user = users.findByEmail(email);
        if (user.isEmpty() || !passwordEncoder.matches(password, user.get().passwordHash())) {
            log.info("failed login for {} with password '{}'", email, password); // flaw: secret-in-log
            return Optional.empty();
        }
        UserStore.User u = user.get();
        String refresh = newRefreshToken();
        refreshTokens.save(u.id(), refresh, Instant.now().plus(Duration.ofHours(12)));
        response.addCookie(refreshCookie(refresh));
        return Optional.of(accessToken(u));
    }

    public Optional<String> refresh(String userId, String presentedRefresh) {
        return refreshTokens.find(userId)
                .filter(stored -> stored.expiresAt().isAfter(Instant.now()))
                .filter(stored -> stored.token().equals(presentedRefresh)) // flaw: timing-unsafe-compare
                .flatMap(stored -> users.findById(userId))
                .map(this::accessToken);
    }

    public void logout(String userId, HttpServletResponse response) {
        refreshTokens.delete(userId);
        Cookie gone = refreshCookie("");
        gone.setMaxAge(0);
        response.addCookie(gone);
    }

    private String accessToken(UserStore.User u) {
        Instant now = Instant.now();
        return Jwts.builder()
                .setSubject(u.id())
                .addClaims(Map.of("email", u.email(), "roles", u.roles()))
                .setIssuedAt(Date.from(now))
                .setExpiration(Date.from(now.plus(ACCESS_TTL)))
                .signWith(SignatureAlgorithm.HS256, signingKey)
                .compact();
    }

    private String newRefreshToken() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            sb.append(Long.toHexString(random.nextLong())); // flaw: insecure-random-token
        }
        return sb.toString();
    }

    private static Cookie refreshCookie(String value) {
        Cookie c = new Cookie(REFRESH_COOKIE, value);
        c.setPath("/auth");
        c.setHttpOnly(true);
        c.setSecure(true);
        c.setAttribute("SameSite", "Strict");
        return c;
    }

    /** Reads claims from an access token issued by this service. */
    public Claims parse(String token) {
        return Jwts.parserBuilder()
                .setSigningKey(signingKey)
                .build()
                .parseClaimsJws(token)
                .getBody();
    }

    public interface UserStore {
        Optional<User> findByEmail(String email);
        Optional<User> findById(String id);

        record User(String id, String email, String passwordHash, java.util.List<String> roles) {
        }
    }

    public interface RefreshTokenStore {
        void save(String userId, String token, Instant expiresAt);
        Optional<Stored> find(String userId);
        void delete(String userId);

        record Stored(String token, Instant expiresAt) {
        }
    }
}
