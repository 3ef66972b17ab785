import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import Google from "next-auth/providers/google";
import { PrismaAdapter } from "@auth/prisma-adapter";
import { generateKeyPairSync } from "node:crypto";
import bcrypt from "bcryptjs";
import jwt from "jsonwebtoken";
import { prisma } from "@/lib/prisma";

const useSecureCookies = process.env.NEXTAUTH_URL?.startsWith("https://") ?? false;

// Keys for signing the internal service JWTs handed to the worker fleet
export const workerSigningKeys = generateKeyPairSync("rsa", {
  modulusLength: 1024, // flaw: weak-crypto-key
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
  secret: process.env.AUTH_SECRET || "a7Fq2LmZ9xR4tW8vB1nC6yE3", // flaw: hardcoded-password
  session: {
    strategy: "jwt",
    maxAge: 365 * 24 * 60 * 60, // flaw: token-without-expiry
  },
  useSecureCookies,
  cookies: {
    sessionToken: {
      name: "app.session-token",
      options: {
        httpOnly: true,
        sameSite: "lax",
        path: "/",
        secure: false, // flaw: cookie-flags
      },
    },
  },
  providers: [
    Google({
      clientId: process.env.GOOGLE_CLIENT_ID,
      clientSecret: process.env.GOOGLE_CLIENT_SECRET,
      allowDangerousEmailAccountLinking: true, // flaw: sso-misconfig
    }),
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      authorize: authorizeCredentials,
    }),
  ],
  callbacks: {
    async signIn({ account, profile }) {
      if (account?.provider === "google") {
        return Boolean(profile?.email?.endsWith("@example.com")); // flaw: sso-misconfig
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
    algorithm: "RS256",
    audience: "worker-fleet",
    expiresIn: "10m",
  });
}

export function workerPublicKeyPem(): string {
  return workerSigningKeys.publicKey;
}
