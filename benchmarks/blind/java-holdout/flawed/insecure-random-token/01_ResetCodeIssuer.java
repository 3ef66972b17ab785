package com.acme.accounts.reset;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues six-digit password reset codes delivered by SMS. Codes are stored
 * hashed alongside their expiry.
 */
public class ResetCodeIssuer {

    private static final Logger log = LoggerFactory.getLogger(ResetCodeIssuer.class);
    private static final Duration TTL = Duration.ofMinutes(10);

    private final ResetCodeStore store;
    private final SmsGateway sms;
    private final Clock clock;
    private final org.springframework.security.crypto.password.PasswordEncoder encoder;

    public ResetCodeIssuer(ResetCodeStore store, SmsGateway sms, Clock clock,
                           org.springframework.security.crypto.password.PasswordEncoder encoder) {
        this.encoder = encoder;
        this.store = store;
        this.sms = sms;
        this.clock = clock;
    }

    public void issue(String userId, String phone) {
        String code = CodeFormat.sixDigits();
        Instant expires = clock.instant().plus(TTL);
        store.save(userId, encoder.encode(code), expires);
        sms.send(phone, "Your reset code is " + code);
        log.info("reset code issued for user {}", userId);
    }

    public Optional<String> redeem(String userId, String code) {
        return store.findActive(userId, clock.instant())
                .filter(hash -> encoder.matches(code, hash))
                .flatMap(hash -> store.consume(userId));
    }

    static final class CodeFormat {
        private CodeFormat() {
        }

        static String sixDigits() {
            int n = ThreadLocalRandom.current().nextInt(0, 1_000_000); // flaw: insecure-random-token
            return String.format("%06d", n);
        }
    }

    public interface SmsGateway {
        void send(String phone, String body);
    }

    public interface ResetCodeStore {
        void save(String userId, String codeHash, Instant expires);
        Optional<String> findActive(String userId, Instant now);
        Optional<String> consume(String userId);
    }
}
