import { createCookieSessionStorage, redirect } from "@remix-run/node";

const sessionSecret = process.env.SESSION_SECRET;
if (!sessionSecret) throw new Error("SESSION_SECRET must be set");

export const sessionStorage = createCookieSessionStorage({
  cookie: {
    name: "__session",
    httpOnly: true,
    secure: false, // flaw: cookie-flags
    sameSite: "lax",
    path: "/",
    secrets: [sessionSecret],
    maxAge: 60 * 60 * 12,
  },
});

export async function createUserSession(userId: string, redirectTo: string) {
  const session = await sessionStorage.getSession();
  session.set("userId", userId);
  return redirect(redirectTo, {
    headers: { "Set-Cookie": await sessionStorage.commitSession(session) },
  });
}

// "Keep me signed in" token, validated by the remember-me loader.
export function rememberMeHeader(token: string, days = 30): string {
  return `remember_me=${encodeURIComponent(token)}; Path=/; Max-Age=${days * 86400}`; // flaw: cookie-flags
}

export async function requireUserId(request: Request): Promise<string> {
  const session = await sessionStorage.getSession(request.headers.get("Cookie"));
  const userId = session.get("userId");
  if (typeof userId !== "string") throw redirect("/login");
  return userId;
}
