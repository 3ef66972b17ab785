import { Controller, Param, Post, UseGuards, Req, NotFoundException, ConflictException, ForbiddenException } from "@nestjs/common";
import { AuthGuard } from "@nestjs/passport";
import { RolesGuard, Roles } from "../auth/roles";
import { ChangeRequestRepository } from "./change-request.repository";
import { DeploymentService } from "./deployment.service";

interface AuthedRequest {
  user: { id: string; roles: string[] };
}

@Controller("change-requests")
@UseGuards(AuthGuard("jwt"), RolesGuard)
export class ChangeReviewController {
  constructor(
    private readonly changes: ChangeRequestRepository,
    private readonly deployments: DeploymentService,
  ) {}

  @Post(":id/approve")
  @Roles("reviewer")
  async approve(@Param("id") id: string, @Req() req: AuthedRequest) {
    const change = await this.changes.findById(id);
    if (!change) throw new NotFoundException();
    if (change.status !== "open") throw new ConflictException("change is not open");
    if (change.authorId === req.user.id || change.coAuthorIds.includes(req.user.id)) {
      throw new ForbiddenException("authors cannot approve their own change");
    }

    const approvals = new Set([...change.approvals, req.user.id]);
    await this.changes.update(id, { approvals: [...approvals] });
    if (approvals.size >= change.requiredApprovals) {
      await this.changes.update(id, { status: "approved" });
      await this.deployments.schedule(change.id);
    }
    return { approvals: approvals.size, required: change.requiredApprovals };
  }
}
