import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import Google from "next-auth/providers/google";
import { PrismaAdapter } from "@auth/prisma-adapter";
import { generateKeyPairSync } from "node:crypto";
import bcrypt from "bcryptjs";
import jwt from "jsonwebtoken";
import { prisma } from "@/lib/prisma";

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be configured`);
  return value;
}

// Keys for signing the internal service JWTs handed to the worker fleet
export const workerSigningKeys = generateKeyPairSync("ed25519", {
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
});

async function authorizeCredentials(credentials: Partial<Record<"email" | "password", unknown>>) {
  const email = typeof credentials.email === "string" ? credentials.email.toLowerCase() : "";
  const password = typeof credentials.password === "string" ? credentials.password : "";
  if (!email || !password) return null;

  const user = await prisma.user.findUnique({ where: { email } });
  if (!user?.passwordHash) return null;
  const ok = await bcrypt.compare(password, user.passwordHash);
  return ok ? { id: user.id, email: user.email, name: user.name, role: user.role } : null;
}

export const authConfig: NextAuthConfig = {
  adapter: PrismaAdapter(prisma),
  secret: requireEnv("AUTH_SECRET"), // near-miss: hardcoded-password
  session: {
    strategy: "jwt",
    maxAge: 8 * 60 * 60, // near-miss: token-without-expiry
    updateAge: 60 * 60,
  },
  useSecureCookies: true,
  cookies: {
    sessionToken: {
      name: "__Secure-app.session-token",
      options: {
        httpOnly: true,
        sameSite: "lax",
        path: "/",
        secure: true,
      },
    },
  },
  providers: [
    Google({
      clientId: requireEnv("GOOGLE_CLIENT_ID"),
      clientSecret: requireEnv("GOOGLE_CLIENT_SECRET"),
    }),
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      authorize: authorizeCredentials,
    }),
  ],
  callbacks: {
    async signIn({ account, profile }) {
      if (account?.provider === "google") {
        return profile?.email_verified === true && profile.email?.endsWith("@example.com") === true;
      }
      return true;
    },
    async jwt({ token, user }) {
      if (user) {
        token.role = (user as { role?: string }).role ?? "member";
      }
      return token;
    },
    async session({ session, token }) {
      if (session.user) {
        (session.user as { id?: string; role?: string }).id = token.sub;
        (session.user as { id?: string; role?: string }).role = token.role as string;
      }
      return session;
    },
  },
  pages: {
    signIn: "/login",
    error: "/login",
  },
  events: {
    async signOut(message) {
      if ("token" in message && message.token?.sub) {
        await prisma.auditLog.create({ data: { userId: message.token.sub, action: "signout" } });
      }
    },
  },
};

export const { handlers, auth, signIn, signOut } = NextAuth(authConfig);

export async function workerTokenFor(jobId: string): Promise<string> {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) throw new Error("not signed in");
  return jwt.sign({ job: jobId, requestedBy: userId }, workerSigningKeys.privateKey, {
    algorithm: "EdDSA" as jwt.Algorithm,
    audience: "worker-fleet",
    expiresIn: "10m",
  });
}

export function workerPublicKeyPem(): string {
  return workerSigningKeys.publicKey;
}
