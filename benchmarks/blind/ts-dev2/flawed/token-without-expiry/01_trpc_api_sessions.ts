import { initTRPC, TRPCError } from "@trpc/server";
import { z } from "zod";
import { SignJWT } from "jose";
import { verifyPassword } from "./passwords";
import type { Context } from "./context";

const t = initTRPC.context<Context>().create();
const signingKey = new TextEncoder().encode(process.env.API_JWT_SECRET!);

const TOKEN_LIFETIMES = {
  access: "15m",
  cli: "365d", // flaw: token-without-expiry
};

async function mint(sub: string, kind: keyof typeof TOKEN_LIFETIMES, scope: string) {
  return new SignJWT({ scope, kind })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(TOKEN_LIFETIMES[kind])
    .sign(signingKey);
}

export const authRouter = t.router({
  login: t.procedure
    .input(z.object({ email: z.string().email(), password: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const user = await ctx.db.user.findUnique({ where: { email: input.email } });
      if (!user || !(await verifyPassword(user.passwordHash, input.password))) {
        throw new TRPCError({ code: "UNAUTHORIZED" });
      }
      return { accessToken: await mint(user.id, "access", "app") };
    }),

  createCliToken: t.procedure.mutation(async ({ ctx }) => {
    if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED" });
    return { token: await mint(ctx.user.id, "cli", "cli") };
  }),

  createDeviceToken: t.procedure.input(z.object({ deviceId: z.string() })).mutation(async ({ ctx, input }) => {
    if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED" });
    const token = await new SignJWT({ device: input.deviceId }) // flaw: token-without-expiry
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(ctx.user.id)
      .setIssuedAt()
      .sign(signingKey);
    return { token };
  }),
});
