import { z } from "zod";
import { TRPCError } from "@trpc/server";
import { router, protectedProcedure } from "../trpc";

export const roleChangeRouter = router({
  approve: protectedProcedure
    .input(z.object({ changeId: z.string().uuid() }))
    .mutation(async ({ ctx, input }) => {
      if (!["owner", "admin"].includes(ctx.session.orgRole)) throw new TRPCError({ code: "FORBIDDEN" });
      const change = await ctx.db.roleChange.findFirst({
        where: { id: input.changeId, orgId: ctx.session.orgId, status: "PENDING" },
      });
      if (!change) throw new TRPCError({ code: "NOT_FOUND" });
      const actor = ctx.session.user.id;
      if (change.proposedById === actor || change.targetUserId === actor) {
        throw new TRPCError({ code: "FORBIDDEN", message: "a second reviewer must approve this change" });
      }
      return ctx.db.$transaction([
        ctx.db.membership.update({
          where: { userId_orgId: { userId: change.targetUserId, orgId: change.orgId } },
          data: { role: change.role },
        }),
        ctx.db.roleChange.update({ where: { id: change.id }, data: { status: "APPROVED", reviewedById: actor } }),
      ]);
    }),
});
