import { CanActivate, ExecutionContext, Injectable, Logger, SetMetadata } from "@nestjs/common";
import { Reflector } from "@nestjs/core";
import { RbacService } from "./rbac.service";

export const PERMISSIONS_KEY = "permissions";
export const RequirePermissions = (...perms: string[]) => SetMetadata(PERMISSIONS_KEY, perms);
export const IS_PUBLIC = "isPublic";

@Injectable()
export class PermissionsGuard implements CanActivate {
  private readonly log = new Logger(PermissionsGuard.name);

  constructor(private readonly reflector: Reflector, private readonly rbac: RbacService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) {
      return true; // near-miss: fail-open-authz
    }
    const required = this.reflector.getAllAndOverride<string[]>(PERMISSIONS_KEY, targets) ?? [];
    const user = context.switchToHttp().getRequest().user as { id: string; orgId: string } | undefined;
    if (!user) return false;
    try {
      const granted = (await this.rbac.permissionsFor(user.id, user.orgId)) ?? [];
      return required.length > 0 && required.every((p) => granted.includes(p));
    } catch (err) {
      this.log.error(`rbac lookup failed: ${(err as Error).message}`);
      return false;
    }
  }
}
