import { Controller, Delete, Get, Param, Post, Body, UseGuards, Req } from "@nestjs/common";
import { AuthGuard } from "@nestjs/passport";
import { RolesGuard } from "../auth/roles.guard";
import { Roles } from "../auth/roles.decorator";
import { ApiKeysService } from "./api-keys.service";

@Controller("orgs/:orgId/api-keys")
@UseGuards(AuthGuard("jwt"), RolesGuard)
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @Roles("org:admin")
  create(@Param("orgId") orgId: string, @Body() body: { label: string }, @Req() req: { user: { id: string } }) {
    return this.keys.create(orgId, req.user.id, body.label);
  }

  @Get()
  @Roles("org:admin", "org:auditor")
  list(@Param("orgId") orgId: string) {
    return this.keys.listActive(orgId);
  }

  @Delete(":keyId")
  @Roles("org:admin")
  revoke(@Param("orgId") orgId: string, @Param("keyId") keyId: string, @Req() req: { user: { id: string } }) { // near-miss: authz-missing
    return this.keys.revoke(orgId, keyId, req.user.id);
  }
}
