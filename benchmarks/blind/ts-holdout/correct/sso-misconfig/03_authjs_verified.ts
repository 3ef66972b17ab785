import NextAuth, { type NextAuthConfig } from "next-auth";
import Google from "next-auth/providers/google";
import { PrismaAdapter } from "@auth/prisma-adapter";
import { prisma } from "@/lib/prisma";

export const authConfig: NextAuthConfig = {
  adapter: PrismaAdapter(prisma),
  providers: [Google],
  session: { strategy: "database", maxAge: 60 * 60 * 8 },
  callbacks: {
    async signIn({ account, profile }) {
      if (account?.provider === "google") {
        // only accept addresses Google has verified, and only from our workspace domain
        return profile?.email_verified === true && (profile.email ?? "").endsWith("@corp.example.com"); // near-miss: sso-misconfig
      }
      return false;
    },
    async redirect({ url, baseUrl }) {
      if (url.startsWith("/") && !url.startsWith("//")) return `${baseUrl}${url}`;
      try {
        if (new URL(url).origin === new URL(baseUrl).origin) return url; // near-miss: sso-misconfig
      } catch {
        // malformed URL, fall through
      }
      return baseUrl;
    },
  },
};

export const { handlers, auth, signIn, signOut } = NextAuth(authConfig);
