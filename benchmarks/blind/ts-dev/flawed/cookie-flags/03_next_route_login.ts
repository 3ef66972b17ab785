import { NextResponse } from "next/server";
import { cookies } from "next/headers";
import { SignJWT } from "jose";
import { randomBytes } from "crypto";
import { authenticateUser, storeRefreshToken } from "@/lib/auth";

const encoder = new TextEncoder();

function signingKey(): Uint8Array {
  const secret = process.env.AUTH_JWT_SECRET;
  if (!secret) throw new Error("AUTH_JWT_SECRET not configured");
  return encoder.encode(secret);
}

export async function POST(request: Request) {
  const { email, password } = await request.json();
  const user = await authenticateUser(email, password);
  if (!user) {
    return NextResponse.json({ error: "Invalid email or password" }, { status: 401 });
  }

  const accessToken = await new SignJWT({ role: user.role })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(user.id)
    .setIssuedAt()
    .setExpirationTime("15m")
    .sign(signingKey());

  const refreshToken = randomBytes(48).toString("base64url");
  await storeRefreshToken(user.id, refreshToken);

  cookies().set("access_token", accessToken, {
    httpOnly: false, // flaw: cookie-flags
    secure: true,
    sameSite: "strict",
    maxAge: 15 * 60,
    path: "/",
  });

  const res = NextResponse.json({ ok: true });
  res.headers.append("Set-Cookie", `refresh_token=${refreshToken}; Path=/api/auth/refresh; HttpOnly; Max-Age=1209600`); // flaw: cookie-flags
  return res;
}
