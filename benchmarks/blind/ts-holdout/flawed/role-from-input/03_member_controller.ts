import { Body, Controller, Param, Patch, UseGuards, Req } from "@nestjs/common";
import { IsArray, IsIn, IsOptional, IsString } from "class-validator";
import { AuthGuard } from "@nestjs/passport";
import { MembersService } from "./members.service";

export class UpdateMemberDto {
  @IsOptional()
  @IsString()
  title?: string;

  @IsOptional()
  @IsArray()
  @IsIn(["viewer", "editor", "maintainer", "owner"], { each: true })
  roles?: string[];
}

@Controller("workspaces/:workspaceId/members")
@UseGuards(AuthGuard("jwt"))
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Patch(":memberId")
  async update(
    @Param("workspaceId") workspaceId: string,
    @Param("memberId") memberId: string,
    @Body() dto: UpdateMemberDto,
    @Req() req: { user: { id: string } },
  ) {
    const member = await this.members.findInWorkspace(workspaceId, memberId);
    await this.members.assertIsMember(workspaceId, req.user.id);
    if (dto.title !== undefined) member.title = dto.title;
    if (dto.roles) member.roles = dto.roles; // flaw: role-from-input
    return this.members.save(member);
  }
}
