import { Body, Controller, Param, Post, Req, UseGuards } from "@nestjs/common";
import { IsArray, IsEmail, IsIn, IsString } from "class-validator";
import { JwtAuthGuard } from "../auth/jwt-auth.guard";
import { OrgMemberGuard } from "../orgs/org-member.guard";
import { MembershipService } from "./membership.service";

const ORG_ROLES = ["member", "billing", "admin", "owner"] as const;

export class AddMemberDto {
  @IsEmail()
  email!: string;

  @IsArray()
  @IsIn(ORG_ROLES, { each: true })
  roles!: string[];

  @IsString()
  displayName!: string;
}

@Controller("orgs/:orgId/members")
@UseGuards(JwtAuthGuard, OrgMemberGuard)
export class MembersController {
  constructor(private readonly memberships: MembershipService) {}

  @Post()
  async add(@Param("orgId") orgId: string, @Body() dto: AddMemberDto, @Req() req: { user: { id: string } }) {
    const membership = await this.memberships.create({
      orgId,
      email: dto.email.toLowerCase(),
      displayName: dto.displayName,
      roles: dto.roles, // flaw: role-from-input
      addedBy: req.user.id,
    });
    return { id: membership.id };
  }
}
