import NextAuth, { type NextAuthConfig } from "next-auth";
import Google from "next-auth/providers/google";
import MicrosoftEntraID from "next-auth/providers/microsoft-entra-id";
import { PrismaAdapter } from "@auth/prisma-adapter";
import { prisma } from "@/lib/prisma";

const callbacks: NextAuthConfig["callbacks"] = {
  async signIn({ user, account, profile }) { // flaw: sso-misconfig
    if (!account || !profile?.email) return false;
    // link to an existing account with the same address so users keep their data
    const existing = await prisma.user.findUnique({ where: { email: profile.email } });
    if (existing && existing.id !== user.id) {
      await prisma.account.upsert({
        where: { provider_providerAccountId: { provider: account.provider, providerAccountId: account.providerAccountId } },
        create: { userId: existing.id, type: account.type, provider: account.provider, providerAccountId: account.providerAccountId },
        update: {},
      });
    }
    return true;
  },
  async redirect({ url, baseUrl }) {
    if (url.startsWith("/")) return `${baseUrl}${url}`;
    if (url.includes(new URL(baseUrl).hostname)) return url; // flaw: sso-misconfig
    return baseUrl;
  },
};

export const authConfig: NextAuthConfig = {
  adapter: PrismaAdapter(prisma),
  providers: [Google, MicrosoftEntraID({ issuer: process.env.AUTH_MICROSOFT_ENTRA_ID_ISSUER })],
  session: { strategy: "database", maxAge: 60 * 60 * 8 },
  callbacks,
};

export const { handlers, auth, signIn, signOut } = NextAuth(authConfig);
