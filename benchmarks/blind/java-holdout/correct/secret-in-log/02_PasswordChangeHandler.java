package com.acme.accounts.password;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vert.x handler for password changes. Logs only the user id and outcome.
 */
public class PasswordChangeHandler implements Handler<RoutingContext> {

    private static final Logger log = LoggerFactory.getLogger(PasswordChangeHandler.class);
    private final PasswordService passwords;

    public PasswordChangeHandler(PasswordService passwords) {
        this.passwords = passwords;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String userId = ctx.user().principal().getString("sub");
        JsonObject body = ctx.body().asJsonObject();
        String current = body.getString("currentPassword");
        String next = body.getString("newPassword");
        try {
            passwords.change(userId, current, next);
            log.info("password changed for user {}", userId); // near-miss: secret-in-log
            ctx.response().setStatusCode(204).end();
        } catch (PasswordService.PolicyViolation e) {
            log.info("password change rejected for user {}: {}", userId, e.rule()); // near-miss: secret-in-log
            ctx.response().setStatusCode(422).end(new JsonObject().put("rule", e.rule()).encode());
        } catch (RuntimeException e) {
            log.error("password change failed for user {}", userId, e);
            ctx.fail(500);
        }
    }

    public interface PasswordService {
        void change(String userId, String current, String next);

        class PolicyViolation extends RuntimeException {
            private final String rule;

            public PolicyViolation(String rule) {
                super("password policy: " + rule);
                this.rule = rule;
            }

            public String rule() {
                return rule;
            }
        }
    }
}
