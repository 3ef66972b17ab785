import { Body, Controller, ForbiddenException, Param, Post, Req, UseGuards } from "@nestjs/common";
import { IsArray, IsEmail, IsIn } from "class-validator";
import { JwtAuthGuard } from "../auth/jwt-auth.guard";
import { OrgMemberGuard } from "../orgs/org-member.guard";
import { MembershipService } from "./membership.service";

const ORG_ROLES = ["member", "billing", "admin", "owner"] as const;
type OrgRole = (typeof ORG_ROLES)[number];

const GRANTABLE_BY: Record<OrgRole, OrgRole[]> = {
  owner: ["member", "billing", "admin"],
  admin: ["member", "billing"],
  billing: [],
  member: [],
};

export class AddMemberDto {
  @IsEmail()
  email!: string;

  @IsArray()
  @IsIn(ORG_ROLES, { each: true })
  roles!: OrgRole[];
}

@Controller("orgs/:orgId/members")
@UseGuards(JwtAuthGuard, OrgMemberGuard)
export class MembersController {
  constructor(private readonly memberships: MembershipService) {}

  @Post()
  async add(@Param("orgId") orgId: string, @Body() dto: AddMemberDto, @Req() req: { user: { id: string } }) {
    const actorRole = await this.memberships.roleOf(orgId, req.user.id);
    const allowed = new Set(actorRole ? GRANTABLE_BY[actorRole] : []);
    if (!dto.roles.every((r) => allowed.has(r))) {
      throw new ForbiddenException("you may not grant one or more of these roles");
    }
    const membership = await this.memberships.create({
      orgId,
      email: dto.email.toLowerCase(),
      roles: dto.roles, // near-miss: role-from-input
      addedBy: req.user.id,
    });
    return { id: membership.id };
  }
}
