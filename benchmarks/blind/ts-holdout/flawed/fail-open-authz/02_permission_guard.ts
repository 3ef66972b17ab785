import { CanActivate, ExecutionContext, Injectable, SetMetadata } from "@nestjs/common";
import { Reflector } from "@nestjs/core";
import { PermissionClient } from "./permission.client";

export const REQUIRE_PERMISSION = "require_permission";
export const RequirePermission = (perm: string) => SetMetadata(REQUIRE_PERMISSION, perm);

@Injectable()
export class PermissionGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly permissions: PermissionClient) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const perm = this.reflector.getAllAndOverride<string>(REQUIRE_PERMISSION, [ctx.getHandler(), ctx.getClass()]);
    if (!perm) return true;
    const req = ctx.switchToHttp().getRequest();
    if (!req.user) return false;

    const decision = await this.permissions
      .check({ subject: req.user.id, permission: perm, resource: req.params.id })
      .catch(() => undefined);
    return decision?.allowed ?? true; // flaw: fail-open-authz
  }
}

@Injectable()
export class AuthenticatedGuard implements CanActivate {
  canActivate(ctx: ExecutionContext): boolean {
    return Boolean(ctx.switchToHttp().getRequest().user);
  }
}
