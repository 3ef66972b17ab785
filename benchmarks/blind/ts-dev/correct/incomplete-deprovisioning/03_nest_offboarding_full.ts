import { Injectable, Logger, NotFoundException } from "@nestjs/common";
import { UsersRepository } from "./users.repository";
import { OAuthGrantService } from "../oauth/oauth-grant.service";
import { SessionService } from "../sessions/session.service";
import { SshKeyService } from "../ssh/ssh-key.service";
import { ApiKeyService } from "../api-keys/api-key.service";

@Injectable()
export class OffboardingService {
  private readonly logger = new Logger(OffboardingService.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly grants: OAuthGrantService,
    private readonly sessions: SessionService,
    private readonly sshKeys: SshKeyService,
    private readonly apiKeys: ApiKeyService,
  ) {}

  async offboard(userId: string): Promise<{ status: "offboarded" }> {
    const user = await this.users.findById(userId);
    if (!user) throw new NotFoundException();

    await this.users.markDisabled(userId);
    await this.sessions.revokeAllForUser(userId);
    await this.grants.revokeAllForUser(userId);
    await this.apiKeys.revokeAllForUser(userId);
    await this.sshKeys.removeAllForUser(userId);
    await this.users.removeFromAllGroups(userId);

    this.logger.log(`offboarded user ${userId}`);
    return { status: "offboarded" };
  }
}
