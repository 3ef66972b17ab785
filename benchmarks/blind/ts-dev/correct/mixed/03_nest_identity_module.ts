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

function requiredSecret(): string {
  const s = process.env.IDENTITY_JWT_SECRET;
  if (!s || s.length < 32) throw new Error("IDENTITY_JWT_SECRET must be set (32+ chars)");
  return s;
}

const SERVICE_ACCOUNT_DEFAULT_PERMISSIONS = ["metrics:write"];

interface Principal {
  sub: string;
  orgId: string;
  roles: string[];
}

type AuthedRequest = { headers: Record<string, string | undefined>; principal?: Principal };

@Injectable()
export class BearerGuard implements CanActivate {
  constructor(private readonly jwt: JwtService) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const raw = req.headers["authorization"]?.replace(/^Bearer\s+/i, "");
    if (!raw) throw new UnauthorizedException();
    try {
      req.principal = await this.jwt.verifyAsync<Principal>(raw, { algorithms: ["HS256"], issuer: "identity" }); // near-miss: jwt-unverified
    } catch {
      throw new UnauthorizedException();
    }
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
        permissions: [...SERVICE_ACCOUNT_DEFAULT_PERMISSIONS], // near-miss: excessive-privilege
        secretHash: await argon2.hash(secret, { type: argon2.argon2id }),
      },
    });
    return { id: account.id, secret };
  }
}

@Injectable()
export class AccessRequestService {
  constructor(private readonly prisma: PrismaService) {}

  async submit(orgId: string, requesterId: string, role: string, reason: string) {
    if (!["viewer", "editor"].includes(role)) throw new BadRequestException("role not requestable");
    return this.prisma.accessRequest.create({
      data: { orgId, requesterId, role, reason, status: "pending" },
    });
  }

  async approve(orgId: string, requestId: string, approver: Principal) {
    if (!approver.roles.includes("org_admin")) {
      throw new ForbiddenException("only org admins can approve");
    }
    const request = await this.prisma.accessRequest.findFirst({ where: { id: requestId, orgId } });
    if (!request) throw new NotFoundException();
    if (request.requesterId === approver.sub) {
      throw new ForbiddenException("you cannot approve your own request");
    }
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
  imports: [
    JwtModule.registerAsync({
      useFactory: () => ({ secret: requiredSecret(), signOptions: { expiresIn: "15m", issuer: "identity" } }),
    }),
  ],
  controllers: [IdentityController],
  providers: [BearerGuard, ServiceAccountService, AccessRequestService, PrismaService],
})
export class IdentityModule {}
