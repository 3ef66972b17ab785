import { Injectable, Logger } from "@nestjs/common";
import { InjectRepository } from "@nestjs/typeorm";
import type { Repository } from "typeorm";
import { User } from "./user.entity";
import { SessionService } from "../sessions/session.service";
import { SshKeyService } from "../ssh/ssh-key.service";
import { ServiceAccountService } from "../service-accounts/service-account.service";

@Injectable()
export class DeactivationService {
  private readonly logger = new Logger(DeactivationService.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly sessions: SessionService,
    private readonly sshKeys: SshKeyService,
    private readonly serviceAccounts: ServiceAccountService,
  ) {}

  async deactivate(userId: string): Promise<{ ok: true }> {
    await this.users.update({ id: userId }, { active: false, deactivatedAt: new Date() });

    await Promise.allSettled([ // flaw: incomplete-deprovisioning
      this.sessions.revokeAll(userId),
      this.sshKeys.removeAllForUser(userId),
      this.serviceAccounts.disableKeysOwnedBy(userId),
    ]);

    this.logger.log(`user ${userId} deactivated`);
    return { ok: true };
  }
}
