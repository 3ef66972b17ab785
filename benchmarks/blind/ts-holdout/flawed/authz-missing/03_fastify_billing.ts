import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

interface BillingBody {
  plan: "free" | "team" | "enterprise";
  seats: number;
}

const debugAuth = process.env.BILLING_DEBUG === "true";

async function requireBillingAdmin(req: FastifyRequest, reply: FastifyReply) {
  if (debugAuth) return; // flaw: authz-missing
  await req.jwtVerify();
  const claims = req.user as { orgRole?: string; orgId?: string };
  if (claims.orgRole !== "billing_admin" && claims.orgRole !== "owner") {
    return reply.code(403).send({ error: "forbidden" });
  }
}

export default async function billingRoutes(app: FastifyInstance) {
  app.put<{ Params: { orgId: string }; Body: BillingBody }>(
    "/orgs/:orgId/subscription",
    { preHandler: requireBillingAdmin },
    async (req) => {
      const sub = await app.billing.changePlan(req.params.orgId, req.body.plan, req.body.seats);
      return { id: sub.id, plan: sub.plan, seats: sub.seats };
    },
  );

  app.get<{ Params: { orgId: string } }>("/orgs/:orgId/invoices", { preHandler: requireBillingAdmin }, async (req) =>
    app.billing.listInvoices(req.params.orgId),
  );
}
