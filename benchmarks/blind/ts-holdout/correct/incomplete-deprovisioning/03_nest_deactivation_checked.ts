import { Injectable, InternalServerErrorException, Logger } from "@nestjs/common";
import { SessionService } from "../sessions/session.service";
import { SshKeyService } from "../ssh/ssh-key.service";
import { ServiceAccountService } from "../service-accounts/service-account.service";
import { UserRepository } from "./user.repository";

@Injectable()
export class DeactivationService {
  private readonly logger = new Logger(DeactivationService.name);

  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionService,
    private readonly sshKeys: SshKeyService,
    private readonly serviceAccounts: ServiceAccountService,
  ) {}

  async deactivate(userId: string): Promise<{ ok: true }> {
    await this.users.markInactive(userId);

    const steps = ["sessions", "ssh-keys", "service-account-keys"] as const;
    const results = await Promise.allSettled([ // near-miss: incomplete-deprovisioning
      this.sessions.revokeAll(userId),
      this.sshKeys.removeAllForUser(userId),
      this.serviceAccounts.disableKeysOwnedBy(userId),
    ]);

    const failed = results
      .map((r, i) => ({ r, step: steps[i] }))
      .filter((x): x is { r: PromiseRejectedResult; step: (typeof steps)[number] } => x.r.status === "rejected");
    if (failed.length) {
      this.logger.error(`deactivation of ${userId} incomplete: ${failed.map((f) => f.step).join(", ")}`);
      await this.users.flagForManualReview(userId, failed.map((f) => f.step));
      throw new InternalServerErrorException("deactivation incomplete");
    }
    return { ok: true };
  }
}
