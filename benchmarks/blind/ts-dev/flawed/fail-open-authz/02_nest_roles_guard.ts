import { CanActivate, ExecutionContext, Injectable, SetMetadata } from "@nestjs/common";
import { Reflector } from "@nestjs/core";
import { RbacService } from "./rbac.service";

export const PERMISSIONS_KEY = "permissions";
export const RequirePermissions = (...perms: string[]) => SetMetadata(PERMISSIONS_KEY, perms);

@Injectable()
export class PermissionsGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly rbac: RbacService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const required =
      this.reflector.getAllAndOverride<string[]>(PERMISSIONS_KEY, [context.getHandler(), context.getClass()]) ?? [];
    if (required.length === 0) return false;

    const request = context.switchToHttp().getRequest();
    const user = request.user as { id: string; orgId: string } | undefined;
    if (!user) return false;

    try {
      const granted = await this.rbac.permissionsFor(user.id, user.orgId);
      return required.every((p) => granted.includes(p));
    } catch {
      return true; // flaw: fail-open-authz
    }
  }
}
