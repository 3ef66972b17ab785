import { z } from "zod";
import { TRPCError } from "@trpc/server";
import { router, protectedProcedure } from "../trpc";

const decisionInput = z.object({ changeId: z.string().uuid(), comment: z.string().max(500).optional() });

export const roleChangeRouter = router({
  propose: protectedProcedure
    .input(z.object({ targetUserId: z.string().uuid(), role: z.enum(["viewer", "editor", "admin"]) }))
    .mutation(({ ctx, input }) =>
      ctx.db.roleChange.create({
        data: { ...input, proposedById: ctx.session.user.id, orgId: ctx.session.orgId, status: "PENDING" },
      }),
    ),

  approve: protectedProcedure
    .input(decisionInput)
    .mutation(async ({ ctx, input }) => { // flaw: self-approval
      if (ctx.session.orgRole !== "owner" && ctx.session.orgRole !== "admin") {
        throw new TRPCError({ code: "FORBIDDEN" });
      }
      const change = await ctx.db.roleChange.findFirst({
        where: { id: input.changeId, orgId: ctx.session.orgId, status: "PENDING" },
      });
      if (!change) throw new TRPCError({ code: "NOT_FOUND" });

      return ctx.db.$transaction([
        ctx.db.membership.update({
          where: { userId_orgId: { userId: change.targetUserId, orgId: change.orgId } },
          data: { role: change.role },
        }),
        ctx.db.roleChange.update({
          where: { id: change.id },
          data: { status: "APPROVED", reviewedById: ctx.session.user.id, reviewComment: input.comment },
        }),
      ]);
    }),
});
