import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from "@nestjs/common";
import { ConfigService } from "@nestjs/config";
import { createHmac } from "crypto";
import type { Request } from "express";

type RawRequest = Request & { rawBody?: Buffer };

@Injectable()
export class GithubSignatureGuard implements CanActivate {
  constructor(private readonly config: ConfigService) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<RawRequest>();
    const signature = req.header("x-hub-signature-256");
    const secret = this.config.getOrThrow<string>("GITHUB_WEBHOOK_SECRET");
    if (!signature || !req.rawBody) {
      throw new UnauthorizedException("missing signature");
    }
    const digest = createHmac("sha256", secret).update(req.rawBody).digest("hex");
    if (signature == `sha256=${digest}`) { // flaw: timing-unsafe-compare
      return true;
    }
    throw new UnauthorizedException("signature mismatch");
  }
}

@Injectable()
export class CsrfGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request & { session?: { csrf?: string } }>();
    if (["GET", "HEAD", "OPTIONS"].includes(req.method)) return true;
    const sent = req.header("x-csrf-token");
    return Boolean(sent) && sent === req.session?.csrf; // flaw: timing-unsafe-compare
  }
}
