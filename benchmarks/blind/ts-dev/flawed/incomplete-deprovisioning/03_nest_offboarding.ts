import { Injectable, Logger, NotFoundException } from "@nestjs/common";
import { UsersRepository } from "./users.repository";
import { OAuthGrantService } from "../oauth/oauth-grant.service";
import { SessionService } from "../sessions/session.service";
import { SshKeyService } from "../ssh/ssh-key.service";
import { ServiceAccountService } from "../service-accounts/service-account.service";

@Injectable()
export class OffboardingService {
  private readonly logger = new Logger(OffboardingService.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly grants: OAuthGrantService,
    private readonly sessions: SessionService,
    private readonly sshKeys: SshKeyService,
    private readonly serviceAccounts: ServiceAccountService,
  ) {}

  async offboard(userId: string): Promise<{ status: "offboarded" }> { // flaw: incomplete-deprovisioning
    const user = await this.users.findById(userId);
    if (!user) throw new NotFoundException();

    await this.users.markDisabled(userId);
    await this.sessions.revokeAllForUser(userId);
    await this.grants.revokeAllForUser(userId).catch(() => {}); // flaw: incomplete-deprovisioning

    const owned = await this.serviceAccounts.listOwnedBy(userId);
    for (const sa of owned) {
      await this.serviceAccounts.transferOwnership(sa.id, user.managerId);
    }

    this.logger.log(`offboarded user ${userId}`);
    return { status: "offboarded" };
  }

  async listSshKeys(userId: string) {
    return this.sshKeys.listForUser(userId);
  }
}
