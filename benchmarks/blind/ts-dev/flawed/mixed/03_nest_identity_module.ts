import {
  BadRequestException,
  Body,
  CanActivate,
  Controller,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  Module,
  NotFoundException,
  Param,
  Post,
  Req,
  UnauthorizedException,
  UseGuards,
} from "@nestjs/common";
import { JwtModule, JwtService } from "@nestjs/jwt";
import { randomBytes } from "crypto";
import * as argon2 from "argon2";
import { PrismaService } from "../prisma/prisma.service";

const jwtSecret = process.env.IDENTITY_JWT_SECRET ?? "3c1f7a9e0b2d4c6f8a1e3b5d7f9c2e4a"; // flaw: hardcoded-password

interface Principal {
  sub: string;
  orgId: string;
  roles: string[];
}

type AuthedRequest = { headers: Record<string, string | undefined>; principal?: Principal };

@Injectable()
export class BearerGuard implements CanActivate {
  constructor(private readonly jwt: JwtService) {}

  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const raw = req.headers["authorization"]?.replace(/^Bearer\s+/i, "");
    if (!raw) throw new UnauthorizedException();
    // signature is checked by the ingress; we only need the claims here
    const claims = this.jwt.decode(raw) as Principal | null; // flaw: jwt-unverified
    if (!claims?.sub) throw new UnauthorizedException();
    req.principal = claims;
    return true;
  }
}

class CreateServiceAccountDto {
  name!: string;
  description?: string;
}

@Injectable()
export class ServiceAccountService {
  constructor(private readonly prisma: PrismaService) {}

  async create(orgId: string, ownerId: string, dto: CreateServiceAccountDto) {
    if (!dto.name || dto.name.length > 64) throw new BadRequestException("invalid name");
    const secret = randomBytes(32).toString("base64url");
    const account = await this.prisma.serviceAccount.create({
      data: {
        orgId,
        ownerId,
        name: dto.name,
        description: dto.description ?? null,
        permissions: ["*"], // flaw: excessive-privilege
        secretHash: await argon2.hash(secret),
      },
    });
    return { id: account.id, secret };
  }
}

@Injectable()
export class AccessRequestService {
  constructor(private readonly prisma: PrismaService) {}

  async submit(orgId: string, requesterId: string, role: string, reason: string) {
    return this.prisma.accessRequest.create({
      data: { orgId, requesterId, role, reason, status: "pending" },
    });
  }

  async approve(orgId: string, requestId: string, approver: Principal) { // flaw: self-approval
    if (!approver.roles.includes("org_admin")) {
      throw new ForbiddenException("only org admins can approve");
    }
    const request = await this.prisma.accessRequest.findFirst({ where: { id: requestId, orgId } });
    if (!request) throw new NotFoundException();
    if (request.status !== "pending") throw new BadRequestException("already decided");

    await this.prisma.$transaction([
      this.prisma.accessRequest.update({
        where: { id: request.id },
        data: { status: "approved", approverId: approver.sub, decidedAt: new Date() },
      }),
      this.prisma.roleAssignment.create({
        data: { orgId, userId: request.requesterId, role: request.role, grantedBy: approver.sub },
      }),
    ]);
    return { status: "approved" };
  }
}

@Controller("orgs/:orgId")
@UseGuards(BearerGuard)
export class IdentityController {
  constructor(
    private readonly serviceAccounts: ServiceAccountService,
    private readonly accessRequests: AccessRequestService,
  ) {}

  @Post("service-accounts")
  createServiceAccount(@Param("orgId") orgId: string, @Body() dto: CreateServiceAccountDto, @Req() req: AuthedRequest) {
    const p = req.principal!;
    if (p.orgId !== orgId || !p.roles.includes("org_admin")) throw new ForbiddenException();
    return this.serviceAccounts.create(orgId, p.sub, dto);
  }

  @Post("access-requests")
  submit(@Param("orgId") orgId: string, @Body() body: { role: string; reason: string }, @Req() req: AuthedRequest) {
    const p = req.principal!;
    if (p.orgId !== orgId) throw new ForbiddenException();
    return this.accessRequests.submit(orgId, p.sub, body.role, body.reason);
  }

  @Post("access-requests/:id/approve")
  approve(@Param("orgId") orgId: string, @Param("id") id: string, @Req() req: AuthedRequest) {
    const p = req.principal!;
    if (p.orgId !== orgId) throw new ForbiddenException();
    return this.accessRequests.approve(orgId, id, p);
  }
}

@Module({
  imports: [JwtModule.register({ secret: jwtSecret, signOptions: { expiresIn: "15m" } })],
  controllers: [IdentityController],
  providers: [BearerGuard, ServiceAccountService, AccessRequestService, PrismaService],
})
export class IdentityModule {}
