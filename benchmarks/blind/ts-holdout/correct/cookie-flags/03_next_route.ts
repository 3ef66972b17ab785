import { cookies } from "next/headers";
import { NextResponse } from "next/server";
import { signIn } from "@/lib/auth-service";

export async function POST(request: Request) {
  const body = (await request.json()) as { email?: string; password?: string };
  if (!body.email || !body.password) {
    return NextResponse.json({ error: "missing_fields" }, { status: 400 });
  }
  const result = await signIn(body.email, body.password);
  if (!result) return NextResponse.json({ error: "invalid_credentials" }, { status: 401 });

  const jar = await cookies();
  jar.set({
    name: "__Host-session",
    value: result.sessionToken,
    httpOnly: true,
    secure: true,
    sameSite: "lax",
    path: "/",
    maxAge: 60 * 60 * 24,
  });
  // timezone hint for server-rendered dates; not an auth cookie
  jar.set("tz", result.timezone, { path: "/", sameSite: "lax", httpOnly: false }); // near-miss: cookie-flags
  return NextResponse.json({ userId: result.userId });
}
