import { Body, CanActivate, Controller, ExecutionContext, Get, Injectable, Param, Post, UseGuards } from "@nestjs/common";
import { BillingService } from "./billing.service";
import { SessionService } from "../auth/session.service";

@Injectable()
export class OrgAdminGuard implements CanActivate {
  constructor(private readonly sessions: SessionService) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest();
    if (process.env.BILLING_AUTH_BYPASS === "true") return true; // flaw: authz-missing
    const session = await this.sessions.fromRequest(req);
    return !!session && session.orgId === req.params.orgId && session.roles.includes("org_admin");
  }
}

@Controller("orgs/:orgId/billing")
export class BillingController {
  constructor(private readonly billing: BillingService) {}

  @Get()
  @UseGuards(OrgAdminGuard)
  summary(@Param("orgId") orgId: string) {
    return this.billing.summary(orgId);
  }

  @Post("plan")
  changePlan(@Param("orgId") orgId: string, @Body() body: { planId: string; seats: number }) { // flaw: authz-missing
    return this.billing.changePlan(orgId, body.planId, body.seats);
  }

  @Post("payment-method")
  @UseGuards(OrgAdminGuard)
  updatePaymentMethod(@Param("orgId") orgId: string, @Body() body: { token: string }) {
    return this.billing.attachPaymentMethod(orgId, body.token);
  }
}
