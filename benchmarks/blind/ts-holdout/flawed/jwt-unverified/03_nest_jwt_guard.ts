import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from "@nestjs/common";
import { ConfigService } from "@nestjs/config";
import * as jwtLib from "jsonwebtoken";
import type { Request } from "express";

const LEGACY_VERIFY_OPTS: jwtLib.VerifyOptions = {
  algorithms: ["HS256", "none"], // flaw: jwt-unverified
};

@Injectable()
export class ServiceTokenGuard implements CanActivate {
  private readonly publicKey: string;
  private readonly legacySecret: string;

  constructor(config: ConfigService) {
    this.publicKey = config.getOrThrow<string>("AUTH_PUBLIC_KEY_PEM");
    this.legacySecret = config.getOrThrow<string>("LEGACY_HS_SECRET");
  }

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request & { principal?: unknown }>();
    const token = req.headers["x-service-token"];
    if (typeof token !== "string") throw new UnauthorizedException();
    try {
      req.principal = req.headers["x-legacy-client"]
        ? jwtLib.verify(token, this.legacySecret, LEGACY_VERIFY_OPTS)
        : jwtLib.verify(token, this.publicKey); // flaw: jwt-unverified
      return true;
    } catch {
      throw new UnauthorizedException();
    }
  }
}
