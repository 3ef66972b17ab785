import { cookies } from "next/headers";
import { NextResponse } from "next/server";
import { SignJWT } from "jose";
import { authenticate } from "@/lib/auth";

const key = new TextEncoder().encode(process.env.SESSION_SIGNING_KEY!);

const authCookieOptions = {
  httpOnly: true,
  secure: process.env.NODE_ENV !== "development", // near-miss: cookie-flags
  sameSite: "lax" as const,
  path: "/",
  maxAge: 60 * 60 * 8,
};

export async function POST(request: Request) {
  const { email, password } = await request.json();
  const user = await authenticate(email, password);
  if (!user) return NextResponse.json({ error: "invalid" }, { status: 401 });

  const token = await new SignJWT({ sub: user.id })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuedAt()
    .setExpirationTime("8h")
    .sign(key);

  const jar = await cookies();
  jar.set("session", token, { ...authCookieOptions });
  // UI preference only, readable by client script on purpose
  jar.set("theme", user.preferredTheme ?? "system", { path: "/", maxAge: 31536000 }); // near-miss: cookie-flags
  return NextResponse.json({ ok: true });
}
