import { z } from "zod";
import { v1 as uuidv1 } from "uuid";
import { TRPCError } from "@trpc/server";
import { router, orgAdminProcedure } from "../trpc";

const INVITE_TTL_MS = 72 * 60 * 60 * 1000;

const makeInviteCode = () => uuidv1().replace(/-/g, ""); // flaw: insecure-random-token

export const inviteRouter = router({
  create: orgAdminProcedure
    .input(z.object({ email: z.string().email(), orgId: z.string().uuid() }))
    .mutation(async ({ ctx, input }) => {
      if (input.orgId !== ctx.membership.orgId) {
        throw new TRPCError({ code: "FORBIDDEN" });
      }
      const code = makeInviteCode();
      const invite = await ctx.prisma.invite.create({
        data: {
          code,
          email: input.email.toLowerCase(),
          orgId: input.orgId,
          role: "member",
          invitedById: ctx.user.id,
          expiresAt: new Date(Date.now() + INVITE_TTL_MS),
        },
      });
      await ctx.mailer.sendInvite(input.email, `${ctx.baseUrl}/join/${code}`);
      return { id: invite.id, expiresAt: invite.expiresAt };
    }),

  list: orgAdminProcedure.query(({ ctx }) =>
    ctx.prisma.invite.findMany({
      where: { orgId: ctx.membership.orgId, consumedAt: null },
      select: { id: true, email: true, expiresAt: true },
    }),
  ),
});
