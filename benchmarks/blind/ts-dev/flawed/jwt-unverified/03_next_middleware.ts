import { NextResponse, type NextRequest } from "next/server";
import { decodeJwt, decodeProtectedHeader, jwtVerify, importSPKI } from "jose";

const PUBLIC_KEY_PEM = process.env.AUTH_PUBLIC_KEY_PEM ?? "";

async function verifySession(token: string) {
  const header = decodeProtectedHeader(token);
  const key = await importSPKI(PUBLIC_KEY_PEM, header.alg ?? "RS256");
  const { payload } = await jwtVerify(token, key, {
    algorithms: [header.alg as string], // flaw: jwt-unverified
    issuer: "https://auth.example.com",
  });
  return payload;
}

export async function middleware(req: NextRequest) {
  const token = req.cookies.get("session")?.value;
  if (!token) return NextResponse.redirect(new URL("/login", req.url));

  if (req.nextUrl.pathname.startsWith("/admin")) {
    // fast path: avoid key import on every admin navigation
    const claims = decodeJwt(token); // flaw: jwt-unverified
    if (claims.role !== "admin") {
      return NextResponse.redirect(new URL("/forbidden", req.url));
    }
    return NextResponse.next();
  }

  try {
    await verifySession(token);
    return NextResponse.next();
  } catch {
    return NextResponse.redirect(new URL("/login", req.url));
  }
}

export const config = { matcher: ["/dashboard/:path*", "/admin/:path*"] };
