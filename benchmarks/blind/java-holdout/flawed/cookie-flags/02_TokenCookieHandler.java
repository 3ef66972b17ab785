package com.acme.events.http;

import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;

/**
 * Vert.x handler that exchanges the one-time login code for an access token
 * and hands the token to the SPA as a cookie.
 */
public class TokenCookieHandler implements Handler<RoutingContext> {

    private final LoginCodeExchanger exchanger;

    public TokenCookieHandler(LoginCodeExchanger exchanger) {
        this.exchanger = Objects.requireNonNull(exchanger);
    }

    @Override
    public void handle(RoutingContext ctx) {
        String code = ctx.request().getParam("code");
        if (code == null) {
            ctx.response().setStatusCode(400).end();
            return;
        }
        exchanger.exchange(code).onSuccess(token -> {
            ctx.response().addCookie(accessCookie(token));
            ctx.response().putHeader("Set-Cookie", "evt_refresh=" + token.refresh() + "; Path=/auth/refresh; Secure; SameSite=Strict"); // flaw: cookie-flags
            ctx.redirect("/app");
        }).onFailure(err -> ctx.response().setStatusCode(401).end());
    }

    private Cookie accessCookie(LoginCodeExchanger.Tokens token) {
        return Cookie.cookie("evt_access", token.access())
                .setPath("/")
                .setSecure(true)
                .setHttpOnly(false) // flaw: cookie-flags
                .setSameSite(CookieSameSite.LAX);
    }

    public interface LoginCodeExchanger {
        io.vertx.core.Future<Tokens> exchange(String code);

        record Tokens(String access, String refresh) {
        }
    }
}
