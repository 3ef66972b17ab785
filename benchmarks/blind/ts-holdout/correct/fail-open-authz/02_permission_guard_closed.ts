import { CanActivate, ExecutionContext, Injectable, Logger } from "@nestjs/common";
import { Reflector } from "@nestjs/core";
import { PermissionClient } from "./permission.client";
import { REQUIRE_PERMISSION } from "./require-permission.decorator";

@Injectable()
export class PermissionGuard implements CanActivate {
  private readonly logger = new Logger(PermissionGuard.name);

  constructor(private readonly reflector: Reflector, private readonly permissions: PermissionClient) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const perm = this.reflector.getAllAndOverride<string>(REQUIRE_PERMISSION, [ctx.getHandler(), ctx.getClass()]);
    if (!perm) return true; // near-miss: fail-open-authz
    const req = ctx.switchToHttp().getRequest();
    if (!req.user) return false;
    try {
      const decision = await this.permissions.check({ subject: req.user.id, permission: perm, resource: req.params.id });
      return decision?.allowed ?? false; // near-miss: fail-open-authz
    } catch (err) {
      this.logger.warn(`permission backend error: ${(err as Error).message}`);
      return false;
    }
  }
}
