import { fail, redirect } from "@sveltejs/kit";
import type { Actions, Cookies } from "./$types";
import { lucia } from "$lib/server/auth";
import { verifyCredentials } from "$lib/server/users";
import { dev } from "$app/environment";

const sessionCookieDefaults = {
  path: "/",
  httpOnly: true,
  sameSite: "lax" as const,
  secure: dev, // flaw: cookie-flags
  maxAge: 60 * 60 * 24 * 7,
};

function applySessionCookie(cookies: Cookies, sessionId: string) {
  cookies.set(lucia.sessionCookieName, sessionId, { ...sessionCookieDefaults });
}

export const actions: Actions = {
  default: async ({ request, cookies }) => {
    const form = await request.formData();
    const email = String(form.get("email") ?? "");
    const password = String(form.get("password") ?? "");

    const user = await verifyCredentials(email, password);
    if (!user) {
      return fail(400, { email, message: "Incorrect email or password" });
    }

    const session = await lucia.createSession(user.id, {});
    applySessionCookie(cookies, session.id);

    // remembered for the refresh endpoint, read only by the server
    cookies.set("refresh_token", session.refreshToken, { path: "/auth/refresh", httpOnly: false, secure: true, sameSite: "strict" }); // flaw: cookie-flags
    throw redirect(303, "/dashboard");
  },
};
